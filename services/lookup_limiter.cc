// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/lookup_limiter.h"

#include <algorithm>

namespace candour::services {

void LookupLimiter::Forget(Windows::iterator it) {
  index_.erase(it->connection);
  windows_.erase(it);
}

LookupLimiter::Window& LookupLimiter::CurrentWindow(std::string_view connection, int64_t now_ms) {
  if (auto found = index_.find(connection); found != index_.end()) {
    Windows::iterator it = found->second;
    if (Ended(*it, now_ms)) {
      // A new window starts now, so it moves to the back: start order is
      // what eviction reads from the front.
      it->started_ms = now_ms;
      it->misses = 0;
      windows_.splice(windows_.end(), windows_, it);
    }
    return *it;
  }
  // Ended windows are a prefix of the list (it is in start order), so
  // dropping them costs one step each, and each window is dropped once.
  while (windows_.size() >= limits_.max_connections && !windows_.empty()) {
    if (!Ended(windows_.front(), now_ms)) {
      Forget(windows_.begin());  // none has ended: the oldest goes
      break;
    }
    Forget(windows_.begin());
  }
  Windows::iterator it = windows_.insert(windows_.end(), Window{std::string(connection), now_ms, 0});
  index_.emplace(it->connection, it);
  return *it;
}

bool LookupLimiter::TakeGlobalToken(int64_t now_ms) {
  if (refilled_ms_ == 0) refilled_ms_ = now_ms;
  global_tokens_ = std::min(limits_.global_burst,
                            global_tokens_ + (now_ms - refilled_ms_) / 1000.0 * limits_.global_misses_per_second);
  refilled_ms_ = now_ms;
  if (global_tokens_ < 1) return false;
  global_tokens_ -= 1;
  return true;
}

bool LookupLimiter::Allowed(std::string_view connection, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = index_.find(connection);
  if (found == index_.end()) return true;
  if (Ended(*found->second, now_ms)) {
    Forget(found->second);
    return true;
  }
  return found->second->misses < limits_.misses_per_connection;
}

bool LookupLimiter::RecordMiss(std::string_view connection, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  ++CurrentWindow(connection, now_ms).misses;
  return TakeGlobalToken(now_ms);
}

}  // namespace candour::services
