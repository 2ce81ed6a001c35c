// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// candourd's log: one line per event on stderr. What may appear is fixed
// here: request ids, method names, status codes, sizes, counts and durations.
// Never content, tags, codes, keys, names or peer addresses; callers pass
// only those. IntakeService logs nothing per request: it bumps counters that
// are logged in aggregate. Thread-safe.
#ifndef CANDOUR_SERVICES_SERVER_LOG_H_
#define CANDOUR_SERVICES_SERVER_LOG_H_

#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace candour::services {

void LogInfo(std::string_view message);
void LogWarning(std::string_view message);

// Counts intake outcomes by status code, for the periodic aggregate line.
class IntakeCounters {
 public:
  void Record(absl::StatusCode code);
  // "intake: ok=12 invalid_argument=1 ..." with only nonzero codes; resets.
  std::string TakeSummary();

 private:
  static constexpr int kCodes = 17;
  std::array<std::atomic<uint64_t>, kCodes> counts_{};
};

// Logs "request=<random id> method=<m> status=<code> duration_ms=<d>" when
// destroyed. For every service except IntakeService.
class CallLog {
 public:
  explicit CallLog(std::string_view method);
  ~CallLog();
  void set_status(absl::StatusCode code) { code_ = code; }

 private:
  const std::string method_;
  const std::chrono::steady_clock::time_point start_;
  absl::StatusCode code_ = absl::StatusCode::kUnknown;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SERVER_LOG_H_
