// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Reads tests/core/noise/noise_vectors.txt, the known answers that
// noise_reference.py computes: one vector a line, a kind and then key=value
// fields. For tests only; each call reads the file afresh.
#ifndef CANDOUR_TESTS_CORE_NOISE_NOISE_VECTORS_H_
#define CANDOUR_TESTS_CORE_NOISE_NOISE_VECTORS_H_

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/noise/fraction.h"
#include "gtest/gtest.h"

namespace candour::core::noise {

using VectorFields = std::map<std::string, std::string>;

// The fields of every vector of `kind`; fails the test if there are none.
inline std::vector<VectorFields> LoadNoiseVectors(const std::string& kind) {
  std::ifstream in(std::string(CANDOUR_SOURCE_DIR) + "/tests/core/noise/noise_vectors.txt");
  EXPECT_TRUE(in.good());
  std::vector<VectorFields> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string this_kind;
    words >> this_kind;
    if (this_kind != kind) continue;
    VectorFields fields;
    for (std::string pair; words >> pair;) {
      const size_t eq = pair.find('=');
      fields[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    out.push_back(fields);
  }
  EXPECT_FALSE(out.empty()) << kind;
  return out;
}

// "7/10" or "3" as a Fraction.
inline Fraction ParseVectorFraction(const std::string& text) {
  const size_t slash = text.find('/');
  const uint64_t num = std::stoull(text.substr(0, slash));
  const uint64_t den = slash == std::string::npos ? 1 : std::stoull(text.substr(slash + 1));
  const FractionResult f = MakeFraction(num, den);
  EXPECT_EQ(f.status, NoiseStatus::kOk) << text;
  return f.value;
}

}  // namespace candour::core::noise

#endif  // CANDOUR_TESTS_CORE_NOISE_NOISE_VECTORS_H_
