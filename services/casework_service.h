// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// CaseworkService logic, first slice: a recipient of the current directory
// fetches a report's envelope and its own case-key record, proving possession
// of its signing key with a fresh access proof (crypto/access_proof.h). Each
// report handed out is audited as opened by the signed-in caller. Thread-safe.
#ifndef CANDOUR_SERVICES_CASEWORK_SERVICE_H_
#define CANDOUR_SERVICES_CASEWORK_SERVICE_H_

#include <functional>

#include "absl/status/statusor.h"
#include "candour/v1/casework.pb.h"
#include "services/audit_trail.h"
#include "services/directory_registry.h"
#include "services/sessions.h"
#include "storage/report_store.h"

namespace candour::services {

inline constexpr int64_t kAccessProofWindowSeconds = 300;

class CaseworkService {
 public:
  using UnixClock = std::function<int64_t()>;
  CaseworkService(storage::ReportStore* store, DirectoryRegistry* directories, AuditTrail* audit, UnixClock now);

  // The report's envelope, the caller's case-key record and the key ids of
  // every recipient holding one (for turnover).
  // INVALID_ARGUMENT for malformed fields; UNAUTHENTICATED if the proof is
  // stale, from an unknown key, or does not verify; NOT_FOUND if there is no
  // such report or the caller holds no case-key record for it; the audit
  // write's errors (AuditTrail::Commit), and then no report.
  absl::StatusOr<candour::v1::GetReportResponse> GetReport(const Caller& caller,
                                                           const candour::v1::GetReportRequest& request) const;

 private:
  absl::Status Authenticate(const candour::v1::GetReportRequest& request) const;

  storage::ReportStore* const store_;     // not owned
  DirectoryRegistry* const directories_;  // not owned
  AuditTrail* const audit_;               // not owned
  const UnixClock now_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CASEWORK_SERVICE_H_
