// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// InsightsService's logic (insights.proto, docs/PROTOCOL.md §20). The server
// never counts: it hands the release holder's client the period's sealed
// tags and link marks, checks what that client signs before appending it to
// the ledger, and serves stored releases, each role the columns it may see.
// What it checks of a release is what readers check again (core/
// insight_release.h, core/budget_ledger.h): the signature of the current
// directory's release key, the chain, the plan, the period's end, the units,
// the sensitivities, the columns' commitments and the year's privacy budget.
// Every call is audited. Thread-safe; publishes are serialised.
#ifndef CANDOUR_SERVICES_INSIGHTS_SERVICE_H_
#define CANDOUR_SERVICES_INSIGHTS_SERVICE_H_

#include <functional>
#include <mutex>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "core/period.h"
#include "services/audit_trail.h"
#include "services/directory_registry.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

class InsightsService {
 public:
  using DayClock = std::function<core::Day()>;
  // Tagged reports per FetchTags message: 8192 x ~90 bytes stays far below
  // the message limit with a report's link marks alongside.
  static constexpr size_t kTagsPerMessage = 8192;
  static constexpr uint64_t kMaxLedgerPage = 1000;

  // No pointer is owned.
  InsightsService(storage::ReportStore* store, const DirectoryRegistry* directories, AuditTrail* audit,
                  DayClock today)
      : store_(store), directories_(directories), audit_(audit), today_(std::move(today)) {}

  // Audits the fetch, then calls `write` with the period's tagged reports in
  // a random order, kTagsPerMessage at a time, each message with the link
  // marks of its reports' cases; stops early (CANCELLED) if `write` returns
  // false. INVALID_ARGUMENT for a malformed period; FAILED_PRECONDITION
  // (nothing audited) for a period that has not ended.
  absl::Status FetchTags(const Caller& caller, const candour::v1::FetchTagsRequest& request,
                         const std::function<bool(const candour::v1::FetchTagsResponse&)>& write) const;

  absl::StatusOr<candour::v1::GetLedgerResponse> GetLedger(const Caller& caller,
                                                           const candour::v1::GetLedgerRequest& request) const;

  // See insights.proto for the codes.
  absl::StatusOr<candour::v1::PublishLedgerEntryResponse> PublishLedgerEntry(
      const Caller& caller, const candour::v1::PublishLedgerEntryRequest& request);

  absl::StatusOr<candour::v1::GetReleaseResponse> GetRelease(const Caller& caller,
                                                             const candour::v1::GetReleaseRequest& request) const;

 private:
  storage::ReportStore* const store_;             // not owned
  const DirectoryRegistry* const directories_;    // not owned
  AuditTrail* const audit_;                       // not owned
  const DayClock today_;
  std::mutex publish_mu_;  // one publish at a time: each checks the chain it extends
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INSIGHTS_SERVICE_H_
