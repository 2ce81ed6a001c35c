// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one translation from core/noise/'s NoiseStatus (the sampler core has
// no absl) to absl::Status, made where the rest of the code calls into the
// core, as storage translates RocksDB's codes. Messages say which operation
// failed and why, never a count or a drawn value. Stateless and thread-safe.
#ifndef CANDOUR_CORE_NOISE_STATUS_ADAPTER_H_
#define CANDOUR_CORE_NOISE_STATUS_ADAPTER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/noise/noise_status.h"

namespace candour::core {

// OK for kOk; otherwise an error whose message starts with `operation`
// ("noise scale for directorate-total"):
//   kInvalidArgument -> INVALID_ARGUMENT (the caller's arguments break a
//                       documented rule of the core);
//   kOverflow        -> OUT_OF_RANGE (an exact result does not fit in 64 bits);
//   kBadRandomSource -> INTERNAL (the random source is broken: out-of-range
//                       values, or stuck; a server fault, not bad input);
//   anything else    -> UNKNOWN.
absl::Status NoiseStatusToStatus(noise::NoiseStatus status, absl::string_view operation);

}  // namespace candour::core

#endif  // CANDOUR_CORE_NOISE_STATUS_ADAPTER_H_
