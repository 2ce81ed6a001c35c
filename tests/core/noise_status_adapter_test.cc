// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/noise_status_adapter.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace candour::core {
namespace {

using noise::NoiseStatus;

TEST(NoiseStatusAdapterTest, MapsEachStatusToItsCode) {
  EXPECT_TRUE(NoiseStatusToStatus(NoiseStatus::kOk, "scale").ok());
  EXPECT_EQ(NoiseStatusToStatus(NoiseStatus::kInvalidArgument, "scale").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NoiseStatusToStatus(NoiseStatus::kOverflow, "scale").code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(NoiseStatusToStatus(NoiseStatus::kBadRandomSource, "scale").code(), absl::StatusCode::kInternal);
  EXPECT_EQ(NoiseStatusToStatus(static_cast<NoiseStatus>(200), "scale").code(), absl::StatusCode::kUnknown);
}

TEST(NoiseStatusAdapterTest, MessageStartsWithTheOperation) {
  for (NoiseStatus s : {NoiseStatus::kInvalidArgument, NoiseStatus::kOverflow, NoiseStatus::kBadRandomSource}) {
    const absl::Status status = NoiseStatusToStatus(s, "noise scale for unit-total");
    EXPECT_TRUE(absl::StartsWith(status.message(), "noise scale for unit-total: ")) << status;
  }
}

}  // namespace
}  // namespace candour::core
