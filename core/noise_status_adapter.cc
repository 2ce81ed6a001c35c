// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise_status_adapter.h"

#include "absl/strings/str_cat.h"

namespace candour::core {

absl::Status NoiseStatusToStatus(noise::NoiseStatus status, absl::string_view operation) {
  switch (status) {
    case noise::NoiseStatus::kOk:
      return absl::OkStatus();
    case noise::NoiseStatus::kInvalidArgument:
      return absl::InvalidArgumentError(
          absl::StrCat(operation,
                       ": an argument is outside the noise sampler's range (a zero sensitivity or "
                       "epsilon, a scale part above 2^32 - 1, or no random source)"));
    case noise::NoiseStatus::kOverflow:
      return absl::OutOfRangeError(absl::StrCat(operation, ": an exact result does not fit in 64 bits"));
    case noise::NoiseStatus::kBadRandomSource:
      // INTERNAL, not UNAVAILABLE: a source that answers out of range or
      // never lets a sample through is broken, and retrying it is no cure.
      return absl::InternalError(
          absl::StrCat(operation, ": the random source returned a value out of range or too many draws"));
  }
  return absl::UnknownError(absl::StrCat(operation, ": unknown noise status ", static_cast<int>(status)));
}

}  // namespace candour::core
