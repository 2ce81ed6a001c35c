// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// InsightsService's views (insights.proto: GetTables, GetHotspots,
// GetTrends): what HR, staff networks, staff sides and Guardians read,
// computed from the stored releases alone by core/insight_views.h, the code
// the CLI runs on the releases it verified. Every call is audited as a
// query. A release is never revised, so a view of stored releases only
// changes when a release is added: views are computed once and kept,
// keyed by the ledger length they were computed at (a funnel over a few
// hundred units takes about a second; serving a kept one takes microseconds).
// Thread-safe.
#ifndef CANDOUR_SERVICES_INSIGHT_VIEWS_SERVICE_H_
#define CANDOUR_SERVICES_INSIGHT_VIEWS_SERVICE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "services/audit_trail.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

class InsightViewsService {
 public:
  // No pointer is owned.
  InsightViewsService(storage::ReportStore* store, AuditTrail* audit) : store_(store), audit_(audit) {}

  // The period's tables with the columns the caller's role may see.
  // INVALID_ARGUMENT for a malformed period; NOT_FOUND if it is not released.
  absl::StatusOr<candour::v1::GetTablesResponse> GetTables(const Caller& caller,
                                                           const candour::v1::GetTablesRequest& request) const;

  // INVALID_ARGUMENT unless `year` is a financial year; NOT_FOUND if it is
  // not released.
  absl::StatusOr<candour::v1::GetHotspotsResponse> GetHotspots(const Caller& caller,
                                                               const candour::v1::GetHotspotsRequest& request);

  absl::StatusOr<candour::v1::GetTrendsResponse> GetTrends(const Caller& caller,
                                                           const candour::v1::GetTrendsRequest& request);

 private:
  // The ledger length the store holds now (one seek).
  absl::StatusOr<uint64_t> LedgerLength() const;

  storage::ReportStore* const store_;  // not owned
  AuditTrail* const audit_;            // not owned

  std::mutex mu_;  // guards the kept views, not their computation
  std::map<std::string, std::shared_ptr<const candour::v1::HotspotView>> hotspots_;  // by year; final once made
  uint64_t trends_length_ = 0;  // the ledger length `trends_` was computed at
  std::shared_ptr<const candour::v1::GetTrendsResponse> trends_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INSIGHT_VIEWS_SERVICE_H_
