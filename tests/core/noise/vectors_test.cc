// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The sampler against noise_vectors.txt, whose values come from
// noise_reference.py (exact Python fractions, written from the mathematics
// and docs/INSIGHTS.md alone). Bernoulli(exp(-gamma)) is checked exactly, by
// enumerating every draw sequence; the discrete Laplace stream bit for bit.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/noise/bernoulli.h"
#include "core/noise/discrete_laplace.h"
#include "gtest/gtest.h"
#include "tests/core/noise/enumerating_source.h"
#include "tests/core/noise/noise_vectors.h"
#include "tests/testing/counter_random_source.h"

namespace candour::core::noise {
namespace {

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
  for (const VectorFields& v : LoadNoiseVectors("bernoulli_exp")) {
    const Fraction gamma = ParseVectorFraction(v.at("gamma"));
    const Enumerated e = EnumerateBernoulliExp(gamma, std::stoul(v.at("trials")));
    EXPECT_EQ(e.accept + e.reject + e.undecided, e.common);
    EXPECT_EQ(Format(e.accept, e.common), v.at("accept")) << "gamma " << v.at("gamma");
    EXPECT_EQ(Format(e.undecided, e.common), v.at("undecided")) << "gamma " << v.at("gamma");
  }
}

TEST(NoiseVectorsTest, BernoulliExpAboveOneBracketsExpMinusGamma) {
  // Here the paths mix bounds k and b*k and branch more, so cut them by
  // probability (below 1e-13) rather than length, and sum in long double (to
  // ~1e-18). The true acceptance probability lies in [accept, accept +
  // undecided], an interval narrower than 1e-7: it must hold exp(-gamma).
  for (const VectorFields& v : LoadNoiseVectors("exp_minus")) {
    const Fraction gamma = ParseVectorFraction(v.at("gamma"));
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
    const long double exact = std::strtold(v.at("value").c_str(), nullptr);
    SCOPED_TRACE("gamma " + v.at("gamma"));
    EXPECT_NEAR(total, 1.0L, 1e-15L);
    EXPECT_LT(undecided, 1e-7L);
    EXPECT_LE(accept, exact + 1e-15L);
    EXPECT_GE(accept + undecided, exact - 1e-15L);
  }
}

TEST(NoiseVectorsTest, DiscreteLaplaceStreamsMatchTheReference) {
  for (const VectorFields& v : LoadNoiseVectors("stream")) {
    const Fraction scale = ParseVectorFraction(v.at("scale"));
    testing::CounterRandomSource counter(std::stoull(v.at("seed")));
    std::string values;
    const int n = std::stoi(v.at("n"));
    for (int i = 0; i < n; ++i) {
      const SampleResult r = SampleDiscreteLaplace(scale, counter.source());
      ASSERT_EQ(r.status, NoiseStatus::kOk);
      values += (i == 0 ? "" : ",") + std::to_string(r.value);
    }
    EXPECT_EQ(values, v.at("values")) << "scale " << v.at("scale");
    EXPECT_EQ(std::to_string(counter.words()), v.at("words")) << "scale " << v.at("scale");
  }
}

}  // namespace
}  // namespace candour::core::noise
