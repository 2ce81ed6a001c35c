// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// PeriodicTask runs a function on a thread of its own every `interval`,
// optionally once straight away, until it is destroyed. The destructor wakes
// the thread, waits for a run in progress to finish and joins it, so what the
// function uses must outlive the task: declare the task after it. candourd
// uses it for the counters line and the expiry sweep. Thread-safe.
#ifndef CANDOUR_SERVICES_PERIODIC_TASK_H_
#define CANDOUR_SERVICES_PERIODIC_TASK_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace candour::services {

class PeriodicTask {
 public:
  enum class Start { kNow, kAfterInterval };
  // REQUIRES: interval > 0.
  PeriodicTask(std::chrono::milliseconds interval, Start start, std::function<void()> run);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Loop(std::chrono::milliseconds interval, Start start);

  const std::function<void()> run_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;   // guarded by mu_
  std::thread thread_;  // last: starts once everything above is built
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_PERIODIC_TASK_H_
