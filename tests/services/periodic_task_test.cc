// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/periodic_task.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "gtest/gtest.h"

namespace candour::services {
namespace {

using namespace std::chrono_literals;

// Waits up to 10 s for `runs` to reach `at_least`; false if it does not.
bool WaitForRuns(const std::atomic<int>& runs, int at_least) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (runs.load() < at_least) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TEST(PeriodicTaskTest, RunsAtOnceThenEveryIntervalAndNeverAfterDestruction) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(5ms, PeriodicTask::Start::kNow, [&runs] { ++runs; });
    ASSERT_TRUE(WaitForRuns(runs, 3));
  }
  const int at_destruction = runs.load();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs.load(), at_destruction);
}

TEST(PeriodicTaskTest, DestructionDoesNotWaitForTheNextInterval) {
  std::atomic<int> runs{0};
  const auto start = std::chrono::steady_clock::now();
  {
    PeriodicTask task(1h, PeriodicTask::Start::kNow, [&runs] { ++runs; });
    ASSERT_TRUE(WaitForRuns(runs, 1));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(runs.load(), 1);
}

TEST(PeriodicTaskTest, DestructionWaitsForARunInProgress) {
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  {
    PeriodicTask task(1h, PeriodicTask::Start::kNow, [&] {
      started = true;
      std::this_thread::sleep_for(100ms);
      finished = true;
    });
    while (!started.load()) std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(finished.load());
}

TEST(PeriodicTaskTest, StartingAfterTheIntervalDoesNotRunAtOnce) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(1h, PeriodicTask::Start::kAfterInterval, [&runs] { ++runs; });
  }
  EXPECT_EQ(runs.load(), 0);
}

}  // namespace
}  // namespace candour::services
