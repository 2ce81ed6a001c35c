// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_noise.h"

#include "absl/status/status.h"
#include "core/noise/discrete_laplace.h"
#include "core/noise_status_adapter.h"

namespace candour::core {

absl::StatusOr<std::vector<int64_t>> NoiseCells(absl::Span<const int64_t> true_cells, uint32_t sensitivity,
                                                noise::Fraction epsilon, noise::RandomSource source) {
  // The scale and the source are checked here, before the first draw, so a
  // bad argument can never leave a table half noised.
  const noise::FractionResult scale = noise::NoiseScale(sensitivity, epsilon);
  if (scale.status != noise::NoiseStatus::kOk)
    return NoiseStatusToStatus(scale.status, "noise scale sensitivity/epsilon");
  if (source.uniform == nullptr) return absl::InvalidArgumentError("noise: the random source has no function");
  std::vector<int64_t> noisy;
  noisy.reserve(true_cells.size());
  for (const int64_t true_cell : true_cells) {
    const noise::SampleResult cell = noise::AddDiscreteLaplaceNoise(true_cell, scale.value, source);
    // The message names no cell: which cell overflowed would say which count
    // is near 2^63, and a broken source is not about any cell.
    if (cell.status != noise::NoiseStatus::kOk) return NoiseStatusToStatus(cell.status, "noising a table cell");
    noisy.push_back(cell.value);
  }
  return noisy;
}

}  // namespace candour::core
