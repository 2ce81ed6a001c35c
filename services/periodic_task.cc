// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/periodic_task.h"

namespace candour::services {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, Start start, std::function<void()> run)
    : run_(std::move(run)), thread_([this, interval, start] { Loop(interval, start); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void PeriodicTask::Loop(std::chrono::milliseconds interval, Start start) {
  std::unique_lock<std::mutex> lock(mu_);
  if (start == Start::kNow && !stop_) {
    // Run without the lock, so the destructor can ask to stop meanwhile and
    // be answered as soon as this run ends.
    lock.unlock();
    run_();
    lock.lock();
  }
  while (!cv_.wait_for(lock, interval, [this] { return stop_; })) {
    lock.unlock();
    run_();
    lock.lock();
  }
}

}  // namespace candour::services
