// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Limits guessing of receipt codes. A lookup that misses costs its connection
// one of a few misses per window, after which that connection is answered
// RESOURCE_EXHAUSTED before any lookup; misses also draw on one global
// budget, and when it is spent a miss is answered RESOURCE_EXHAUSTED instead
// of NOT_FOUND. Hits cost nothing, so a reporter with a real code gets in
// during a flood from other connections. No code is ever locked: that would
// let anyone lock a reporter out. Connections are keyed by gRPC's peer string
// in memory only, for one window; nothing is stored or logged.
//
// The table holds at most max_connections windows, in the order they started
// (a list beside a hash index), so every call is O(1) amortised however full
// it is: when a new connection needs room, windows that have ended go first,
// then the one that started longest ago. Thread-safe.
#ifndef CANDOUR_SERVICES_LOOKUP_LIMITER_H_
#define CANDOUR_SERVICES_LOOKUP_LIMITER_H_

#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace candour::services {

struct LookupLimits {
  int misses_per_connection = 20;  // per window
  int64_t window_ms = 60'000;
  double global_misses_per_second = 20;
  double global_burst = 200;
  size_t max_connections = 10'000;
};

class LookupLimiter {
 public:
  explicit LookupLimiter(LookupLimits limits = {}) : limits_(limits), global_tokens_(limits.global_burst) {}

  // `now_ms` comes from a monotonic clock: windows are kept in start order,
  // which is the order of the calls that start them.
  //
  // False if `connection` has spent its misses in the current window.
  bool Allowed(std::string_view connection, int64_t now_ms);
  // Records a miss; false if the global budget is spent.
  bool RecordMiss(std::string_view connection, int64_t now_ms);

 private:
  struct Window {
    std::string connection;
    int64_t started_ms = 0;
    int misses = 0;
  };
  using Windows = std::list<Window>;  // oldest start first

  bool Ended(const Window& window, int64_t now_ms) const { return now_ms - window.started_ms >= limits_.window_ms; }
  // Drops the window at `it` from both structures. REQUIRES: mu_.
  void Forget(Windows::iterator it);
  // The current window of `connection`, started at `now_ms` if it had none
  // or its last one ended; makes room first if the table is full. REQUIRES: mu_.
  Window& CurrentWindow(std::string_view connection, int64_t now_ms);
  // Takes one token from the global budget; false if none is left. REQUIRES: mu_.
  bool TakeGlobalToken(int64_t now_ms);

  const LookupLimits limits_;
  std::mutex mu_;
  Windows windows_;
  // Keys view the connection strings held by windows_'s nodes, which stay put.
  std::unordered_map<std::string_view, Windows::iterator> index_;
  double global_tokens_;
  int64_t refilled_ms_ = 0;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_LOOKUP_LIMITER_H_
