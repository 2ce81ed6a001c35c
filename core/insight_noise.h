// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The noise stage of an insights release (docs/INSIGHTS.md, "Noise"): the
// one call that turns a counted table's true cells into the noisy cells that
// may leave, each cell plus its own independent discrete Laplace draw of
// scale sensitivity/ε (core/noise/). Independence is what makes the whole
// table ε-differentially private: one report moves the table by at most
// `sensitivity` in L1, and each unit of that movement costs ε/sensitivity.
//
// The true cells are the caller's, and the caller wipes them. This stage
// reads each true cell once, passes it by value to the sampler and stores
// only the noisy sum: it keeps no copy of the true cells, in the result or
// anywhere else, and holds nothing once it returns. It prints and logs
// nothing, and its error messages carry no count. Stateless and thread-safe
// if the source is.
#ifndef CANDOUR_CORE_INSIGHT_NOISE_H_
#define CANDOUR_CORE_INSIGHT_NOISE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/noise/fraction.h"
#include "core/noise/random_source.h"

namespace candour::core {

// The noisy cells, in the order of `true_cells`: cell i is
// true_cells[i] + X_i, the X_i independent discrete Laplace of scale
// sensitivity/epsilon, drawn from `source` in cell order (so a seeded source
// gives the same cells every time). Negative noisy values are kept: clamping
// would bias every sum. An empty table gives an empty result.
//
// Every argument is checked before any cell is noised, so a refused call has
// drawn nothing. A call that fails part-way returns only its error; the
// noisy cells already drawn are dropped (they were never released, so no ε
// is spent, and a retry draws afresh). Codes:
//   INVALID_ARGUMENT if sensitivity or epsilon is 0, a part of the scale
//     exceeds 2^32 - 1 (noise::kMaxScaleTerm), or the source has no function;
//   OUT_OF_RANGE if a noisy cell does not fit in an int64_t;
//   INTERNAL if the source is broken (noise::NoiseStatus::kBadRandomSource).
absl::StatusOr<std::vector<int64_t>> NoiseCells(absl::Span<const int64_t> true_cells, uint32_t sensitivity,
                                                noise::Fraction epsilon, noise::RandomSource source);

}  // namespace candour::core

#endif  // CANDOUR_CORE_INSIGHT_NOISE_H_
