// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Initialises libsodium once for the whole crypto test binary, as main() does
// in candourd and candour. Linked with GTest::gtest_main, so it registers
// itself at static-initialisation time.
#include <gtest/gtest.h>

#include "crypto/sodium.h"

namespace {

class SodiumEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(candour::crypto::InitSodium().ok()); }
};

[[maybe_unused]] ::testing::Environment* const kSodiumEnvironment =
    ::testing::AddGlobalTestEnvironment(new SodiumEnvironment);

}  // namespace
