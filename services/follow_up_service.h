// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The reporter's way back in, with only the receipt code: read the case and
// its thread, add messages. The client sends the lookup value derived from
// the code; the server hashes it and finds the receipt whose hash it stored.
// A mistyped code and one that never existed are the same miss: one hash and
// one point read, then NOT_FOUND. Misses are limited (services/lookup_limiter.h).
// Thread-safe.
#ifndef CANDOUR_SERVICES_FOLLOW_UP_SERVICE_H_
#define CANDOUR_SERVICES_FOLLOW_UP_SERVICE_H_

#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/intake.pb.h"
#include "services/case_threads.h"
#include "services/lookup_limiter.h"
#include "storage/report_store.h"

namespace candour::services {

class FollowUpService {
 public:
  using MillisecondClock = std::function<int64_t()>;
  // No pointer is owned.
  FollowUpService(storage::ReportStore* store, const CaseThreads* threads, LookupLimiter* limiter,
                  MillisecondClock now_ms)
      : store_(store), threads_(threads), limiter_(limiter), now_ms_(std::move(now_ms)) {}

  // `connection` identifies the caller's connection for the limiter only.
  absl::StatusOr<candour::v1::GetCaseResponse> GetCase(const candour::v1::GetCaseRequest& request,
                                                       std::string_view connection) const;
  absl::StatusOr<candour::v1::AddFollowUpResponse> AddFollowUp(const candour::v1::AddFollowUpRequest& request,
                                                               std::string_view connection) const;

 private:
  // The receipt behind `lookup`: INVALID_ARGUMENT for a wrong size,
  // RESOURCE_EXHAUSTED when limited, NOT_FOUND for a miss.
  absl::StatusOr<storage::Receipt> Find(std::string_view lookup, std::string_view connection) const;

  storage::ReportStore* const store_;  // not owned
  const CaseThreads* const threads_;   // not owned
  LookupLimiter* const limiter_;       // not owned
  const MillisecondClock now_ms_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_FOLLOW_UP_SERVICE_H_
