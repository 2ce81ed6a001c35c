// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// IntakeService logic: hand out signed directories and accept encrypted
// reports. Validates, then stores through one unit of work; knows nothing of
// gRPC. The only things it learns of a report are its size bucket and the day
// it arrived. Thread-safe.
#ifndef CANDOUR_SERVICES_INTAKE_SERVICE_H_
#define CANDOUR_SERVICES_INTAKE_SERVICE_H_

#include <functional>

#include "absl/status/statusor.h"
#include "candour/v1/intake.pb.h"
#include "core/period.h"
#include "services/directory_registry.h"
#include "storage/report_store.h"

namespace candour::services {

class IntakeService {
 public:
  using Clock = std::function<core::Day()>;
  // Neither pointer is owned; both outlive the service.
  IntakeService(storage::ReportStore* store, DirectoryRegistry* directories, Clock today = core::TodayInLondon)
      : store_(store), directories_(directories), today_(std::move(today)) {}

  // NOT_FOUND if no directory has been published or the version is unknown.
  absl::StatusOr<candour::v1::SignedDirectory> GetDirectory(const candour::v1::GetDirectoryRequest& request) const;

  // Stores a report durably and atomically. Statuses as ValidateSubmission,
  // plus FAILED_PRECONDITION before the first directory, ALREADY_EXISTS for a
  // report id reused with other bytes, and storage failures. An identical
  // retry of a stored report gets OK, even after a newer directory.
  absl::StatusOr<candour::v1::SubmitReportResponse> SubmitReport(
      const candour::v1::SubmitReportRequest& request) const;

 private:
  // True if exactly this submission is already stored (a retry).
  bool IsStoredRetry(const candour::v1::SubmitReportRequest& request) const;

  storage::ReportStore* const store_;        // not owned
  DirectoryRegistry* const directories_;     // not owned
  const Clock today_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INTAKE_SERVICE_H_
