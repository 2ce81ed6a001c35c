// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/lookup_limiter.h"

#include <chrono>
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

TEST(LookupLimiterTest, AFullTableDropsEndedWindowsFirstThenTheOldestStarted) {
  LookupLimiter limiter(LookupLimits{.misses_per_connection = 1, .window_ms = 100, .global_burst = 1e9,
                                     .max_connections = 3});
  limiter.RecordMiss("a", 0);
  limiter.RecordMiss("b", 10);
  limiter.RecordMiss("c", 20);
  // a's window has ended; its next miss starts a new one, which is now the
  // newest: order b (10), c (20), a (105).
  limiter.RecordMiss("a", 105);
  // Full: b's window has ended and goes; c's has not.
  limiter.RecordMiss("d", 115);
  EXPECT_TRUE(limiter.Allowed("b", 116));
  EXPECT_FALSE(limiter.Allowed("c", 116));
  EXPECT_FALSE(limiter.Allowed("a", 116));
  EXPECT_FALSE(limiter.Allowed("d", 116));
  // Full, nothing ended: the window that started longest ago (c) goes,
  // not a, which was added to the table first.
  limiter.RecordMiss("e", 117);
  EXPECT_TRUE(limiter.Allowed("c", 118));
  EXPECT_FALSE(limiter.Allowed("a", 118));
  EXPECT_FALSE(limiter.Allowed("d", 118));
  EXPECT_FALSE(limiter.Allowed("e", 118));
}

// A full table used to be scanned on every new connection: 100,000 new
// connections into a full table of 50,000 took about 10^10 steps (tens of
// seconds). Without a scan they take milliseconds; the bound leaves room
// for a slow, shared or sanitised build.
TEST(LookupLimiterTest, NewConnectionsIntoAFullTableCostNoScan) {
  LookupLimiter limiter(LookupLimits{.misses_per_connection = 1, .window_ms = 1'000'000, .global_burst = 1e9,
                                     .max_connections = 50'000});
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 150'000; ++i) limiter.RecordMiss("peer" + std::to_string(i), i / 1000);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_FALSE(limiter.Allowed("peer149999", 150));
  EXPECT_FALSE(limiter.Allowed("peer100000", 150));  // the newest 50,000 are kept
  EXPECT_TRUE(limiter.Allowed("peer99999", 150));
}

}  // namespace
}  // namespace candour::services
