// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/lookup_limiter.h"

#include <algorithm>

namespace candour::services {

bool LookupLimiter::Allowed(std::string_view connection, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it == connections_.end()) return true;
  if (now_ms - it->second.started_ms >= limits_.window_ms) {
    connections_.erase(it);
    return true;
  }
  return it->second.misses < limits_.misses_per_connection;
}

bool LookupLimiter::RecordMiss(std::string_view connection, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it != connections_.end() && now_ms - it->second.started_ms >= limits_.window_ms) it->second = Window{now_ms, 0};
  if (it == connections_.end()) {
    if (connections_.size() >= limits_.max_connections) {
      // Full: forget windows that have ended; if none has, the oldest.
      std::erase_if(connections_, [&](const auto& c) { return now_ms - c.second.started_ms >= limits_.window_ms; });
      if (connections_.size() >= limits_.max_connections) {
        connections_.erase(std::min_element(connections_.begin(), connections_.end(), [](const auto& a, const auto& b) {
          return a.second.started_ms < b.second.started_ms;
        }));
      }
    }
    it = connections_.emplace(std::string(connection), Window{now_ms, 0}).first;
  }
  ++it->second.misses;

  if (refilled_ms_ == 0) refilled_ms_ = now_ms;
  global_tokens_ = std::min(limits_.global_burst,
                            global_tokens_ + (now_ms - refilled_ms_) / 1000.0 * limits_.global_misses_per_second);
  refilled_ms_ = now_ms;
  if (global_tokens_ < 1) return false;
  global_tokens_ -= 1;
  return true;
}

}  // namespace candour::services
