// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/lookup_limiter.h"

#include <string>

#include "gtest/gtest.h"

namespace candour::services {
namespace {

TEST(LookupLimiterTest, AConnectionRunsOutOfMissesForItsWindowOnly) {
  LookupLimiter limiter(LookupLimits{.misses_per_connection = 3, .window_ms = 1000});
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Allowed("flooder", 10));
    EXPECT_TRUE(limiter.RecordMiss("flooder", 10));
  }
  EXPECT_FALSE(limiter.Allowed("flooder", 20));
  EXPECT_TRUE(limiter.Allowed("reporter", 20));  // another connection is not affected
  EXPECT_TRUE(limiter.Allowed("flooder", 1010));  // a new window
}

TEST(LookupLimiterTest, TheGlobalBudgetRefusesMissesAndRefillsOverTime) {
  LookupLimiter limiter(LookupLimits{.misses_per_connection = 1000,
                                     .global_misses_per_second = 10,
                                     .global_burst = 5});
  int refused = 0;
  for (int i = 0; i < 8; ++i) refused += limiter.RecordMiss("c" + std::to_string(i), 0) ? 0 : 1;
  EXPECT_EQ(refused, 3);  // five in the burst
  EXPECT_FALSE(limiter.RecordMiss("late", 50));   // half a token
  EXPECT_TRUE(limiter.RecordMiss("later", 200));  // two tokens back
}

TEST(LookupLimiterTest, MemoryStaysBoundedUnderAFloodOfConnections) {
  LookupLimiter limiter(LookupLimits{.misses_per_connection = 1, .window_ms = 1000, .global_burst = 1e9,
                                     .max_connections = 100});
  for (int i = 0; i < 10000; ++i) limiter.RecordMiss("peer" + std::to_string(i), i / 100);
  // The newest connections are still limited; the oldest were forgotten.
  EXPECT_FALSE(limiter.Allowed("peer9999", 100));
  EXPECT_TRUE(limiter.Allowed("peer0", 100));
}

}  // namespace
}  // namespace candour::services
