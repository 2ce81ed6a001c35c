// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/sign_in_limiter.h"

#include <algorithm>

namespace candour::services {

bool SignInLimiter::Locked(std::string_view name, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  return it != entries_.end() && now < it->second.locked_until;
}

bool SignInLimiter::BeginAttempt(std::string_view name, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    MakeRoom();
    it = entries_.emplace(std::string(name), Entry{}).first;
  }
  Entry& entry = it->second;
  if (entry.locked_until != 0 && now >= entry.locked_until) entry = Entry{};  // a served lock starts afresh
  entry.last_seen = now;
  if (entry.locked_until != 0) return false;
  if (entry.failures >= limits_.failures_before_lock) {
    // As many attempts as the lock allows are counted (some still being
    // checked): lock now rather than let more through.
    entry.locked_until = now + limits_.lock_seconds;
    return false;
  }
  ++entry.failures;
  return true;
}

std::chrono::milliseconds SignInLimiter::RecordFailure(std::string_view name, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return limits_.max_delay;  // forgotten meanwhile: the slowest answer
  Entry& entry = it->second;
  entry.last_seen = now;
  if (entry.failures >= limits_.failures_before_lock && entry.locked_until == 0) {
    entry.locked_until = now + limits_.lock_seconds;
  }
  return std::min(limits_.delay_step * std::max(entry.failures, 1), limits_.max_delay);
}

void SignInLimiter::RecordSuccess(std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  if (it != entries_.end()) entries_.erase(it);
}

void SignInLimiter::MakeRoom() {
  if (entries_.size() < limits_.max_tracked_names) return;
  // Linear, but only when the table is full, which takes a flood of names.
  // Unlocked entries go first, so flooding names cannot cheaply free a
  // locked one.
  auto victim = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    const bool locked = it->second.locked_until != 0;
    if (victim == entries_.end()) {
      victim = it;
      continue;
    }
    const bool victim_locked = victim->second.locked_until != 0;
    if (std::make_pair(locked, it->second.last_seen) < std::make_pair(victim_locked, victim->second.last_seen)) {
      victim = it;
    }
  }
  entries_.erase(victim);
}

}  // namespace candour::services
