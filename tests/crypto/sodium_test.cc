// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/sodium.h"

#include <gtest/gtest.h>

namespace candour::crypto {
namespace {

TEST(SodiumTest, InitSucceedsAndIsIdempotent) {
  EXPECT_TRUE(InitSodium().ok());
  EXPECT_TRUE(InitSodium().ok());
}

}  // namespace
}  // namespace candour::crypto
