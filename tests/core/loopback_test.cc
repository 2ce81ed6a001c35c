// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/loopback.h"

#include "gtest/gtest.h"

namespace candour::core {
namespace {

TEST(IsLoopbackAddressTest, AcceptsLoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:7443"));
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:0"));
  EXPECT_TRUE(IsLoopbackAddress("127.8.9.10:1"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:7443"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:7443"));
}

TEST(IsLoopbackAddressTest, RejectsOtherAddresses) {
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:7443"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:7443"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1:7443"));
  EXPECT_FALSE(IsLoopbackAddress("128.0.0.1:7443"));
  EXPECT_FALSE(IsLoopbackAddress("candour.example.nhs.uk:443"));
  EXPECT_FALSE(IsLoopbackAddress("[::2]:7443"));
  EXPECT_FALSE(IsLoopbackAddress("[2001:db8::1]:7443"));
  EXPECT_FALSE(IsLoopbackAddress(":7443"));
  EXPECT_FALSE(IsLoopbackAddress(""));
  // A name is not an address, however it starts.
  EXPECT_FALSE(IsLoopbackAddress("127.evil.example:443"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1.evil.example:443"));
  EXPECT_FALSE(IsLoopbackAddress("127.1:7443"));
}

}  // namespace
}  // namespace candour::core
