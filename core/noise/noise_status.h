// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The outcome of every fallible function in core/noise/, the exact sampler
// core. The core includes nothing but <cstdint> (so no absl::Status): each
// function returns a [[nodiscard]] NoiseResult<T> holding a NoiseStatus and,
// when it is kOk, the value. Callers outside the core translate it to an
// absl::Status where they call in, as storage does with RocksDB's codes.
#ifndef CANDOUR_CORE_NOISE_NOISE_STATUS_H_
#define CANDOUR_CORE_NOISE_NOISE_STATUS_H_

#include <cstdint>

namespace candour::core::noise {

enum class NoiseStatus : uint8_t {
  kOk = 0,
  // An argument breaks a documented precondition (a zero denominator, a
  // probability above 1, a scale beyond kMaxScaleTerm, a null source).
  kInvalidArgument = 1,
  // A result would not fit in 64 bits.
  kOverflow = 2,
  // The random source returned a value outside [0, upper_bound), or one
  // sample needed more than kMaxDrawsPerSample draws (which a uniform source
  // does with probability below 2^-1000, and a stuck one does at once).
  kBadRandomSource = 3,
};

// A value or the reason there is none; `value` is T{} unless status is kOk.
template <typename T>
struct [[nodiscard]] NoiseResult {
  NoiseStatus status = NoiseStatus::kOk;
  T value{};
};

}  // namespace candour::core::noise

#endif  // CANDOUR_CORE_NOISE_NOISE_STATUS_H_
