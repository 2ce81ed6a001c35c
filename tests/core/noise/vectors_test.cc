// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The sampler against noise_vectors.txt, whose values come from
// noise_reference.py (exact Python fractions, written from the mathematics
// and docs/INSIGHTS.md alone). Bernoulli(exp(-gamma)) is checked exactly, by
// enumerating every draw sequence; the discrete Laplace stream bit for bit.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/noise/bernoulli.h"
#include "core/noise/discrete_laplace.h"
#include "gtest/gtest.h"
#include "tests/core/noise/enumerating_source.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core::noise {
namespace {

using Fields = std::map<std::string, std::string>;

struct Vector {
  std::string kind;
  Fields fields;
};

std::vector<Vector> Load(const std::string& kind) {
  std::ifstream in(std::string(CANDOUR_SOURCE_DIR) + "/tests/core/noise/noise_vectors.txt");
  EXPECT_TRUE(in.good());
  std::vector<Vector> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    Vector v;
    words >> v.kind;
    for (std::string pair; words >> pair;) {
      const size_t eq = pair.find('=');
      v.fields[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    if (v.kind == kind) out.push_back(v);
  }
  EXPECT_FALSE(out.empty()) << kind;
  return out;
}

// "7/10" or "3".
Fraction ParseFraction(const std::string& text) {
  const size_t slash = text.find('/');
  const uint64_t num = std::stoull(text.substr(0, slash));
  const uint64_t den = slash == std::string::npos ? 1 : std::stoull(text.substr(slash + 1));
  const FractionResult f = MakeFraction(num, den);
  EXPECT_EQ(f.status, NoiseStatus::kOk) << text;
  return f.value;
}

std::string Format(uint64_t num, uint64_t den) {
  const Fraction f = MakeFraction(num, den).value;
  return f.den() == 1 ? std::to_string(f.num()) : std::to_string(f.num()) + "/" + std::to_string(f.den());
}

struct Enumerated {
  uint64_t accept = 0;  // over common
  uint64_t reject = 0;
  uint64_t undecided = 0;
  uint64_t common = 1;  // a multiple of every path's denominator
};

// Every path of SampleBernoulliExp(gamma) up to `max_draws` draws, summed
// exactly over the common denominator b^max_draws * max_draws!, which every
// path's denominator (b*1)(b*2)...(b*j), j <= max_draws, divides.
Enumerated EnumerateBernoulliExp(Fraction gamma, size_t max_draws) {
  Enumerated e;
  for (uint64_t k = 1; k <= max_draws; ++k) {
    EXPECT_FALSE(__builtin_mul_overflow(e.common, gamma.den() * k, &e.common));
  }
  EnumeratingSource all(max_draws);
  do {
    const BitResult r = SampleBernoulliExp(gamma, all.source());
    EXPECT_EQ(r.status, NoiseStatus::kOk);
    uint64_t den = 0;
    EXPECT_TRUE(all.Denominator(&den));
    EXPECT_EQ(e.common % den, 0u);
    const uint64_t share = e.common / den;
    (all.truncated() ? e.undecided : r.value ? e.accept : e.reject) += share;
  } while (all.Next());
  EXPECT_TRUE(all.consistent());
  return e;
}

TEST(NoiseVectorsTest, BernoulliExpAcceptsWithTheExactSeriesProbability) {
  for (const Vector& v : Load("bernoulli_exp")) {
    const Fraction gamma = ParseFraction(v.fields.at("gamma"));
    const Enumerated e = EnumerateBernoulliExp(gamma, std::stoul(v.fields.at("trials")));
    EXPECT_EQ(e.accept + e.reject + e.undecided, e.common);
    EXPECT_EQ(Format(e.accept, e.common), v.fields.at("accept")) << "gamma " << v.fields.at("gamma");
    EXPECT_EQ(Format(e.undecided, e.common), v.fields.at("undecided")) << "gamma " << v.fields.at("gamma");
  }
}

TEST(NoiseVectorsTest, BernoulliExpAboveOneBracketsExpMinusGamma) {
  // Here the paths mix bounds k and b*k and branch more, so cut them by
  // probability (below 1e-13) rather than length, and sum in long double (to
  // ~1e-18). The true acceptance probability lies in [accept, accept +
  // undecided], an interval narrower than 1e-7: it must hold exp(-gamma).
  for (const Vector& v : Load("exp_minus")) {
    const Fraction gamma = ParseFraction(v.fields.at("gamma"));
    long double accept = 0;
    long double undecided = 0;
    long double total = 0;
    EnumeratingSource all(1000, 1e-13L);
    do {
      const BitResult r = SampleBernoulliExp(gamma, all.source());
      ASSERT_EQ(r.status, NoiseStatus::kOk);
      const long double p = all.Probability();
      total += p;
      if (all.truncated()) {
        undecided += p;
      } else if (r.value) {
        accept += p;
      }
    } while (all.Next());
    const long double exact = std::strtold(v.fields.at("value").c_str(), nullptr);
    SCOPED_TRACE("gamma " + v.fields.at("gamma"));
    EXPECT_NEAR(total, 1.0L, 1e-15L);
    EXPECT_LT(undecided, 1e-7L);
    EXPECT_LE(accept, exact + 1e-15L);
    EXPECT_GE(accept + undecided, exact - 1e-15L);
  }
}

TEST(NoiseVectorsTest, DiscreteLaplaceStreamsMatchTheReference) {
  for (const Vector& v : Load("stream")) {
    const Fraction scale = ParseFraction(v.fields.at("scale"));
    testing::CounterRandomSource counter(std::stoull(v.fields.at("seed")));
    std::string values;
    const int n = std::stoi(v.fields.at("n"));
    for (int i = 0; i < n; ++i) {
      const SampleResult r = SampleDiscreteLaplace(scale, counter.source());
      ASSERT_EQ(r.status, NoiseStatus::kOk);
      values += (i == 0 ? "" : ",") + std::to_string(r.value);
    }
    EXPECT_EQ(values, v.fields.at("values")) << "scale " << v.fields.at("scale");
    EXPECT_EQ(std::to_string(counter.words()), v.fields.at("words")) << "scale " << v.fields.at("scale");
  }
}

}  // namespace
}  // namespace candour::core::noise
