// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The coarse workflow record candourd keeps in clear beside each signed case
// thread: status, assignee and the day-granular deadlines the organisation
// sets (acknowledge within N working days, feedback within M days), for
// lists, overdue flags and retention. The signed STATUS_CHANGE and
// ASSIGNMENT entries are authoritative; this record only lets the server
// list and sort without reading them, and clients compare the two. Records
// are written only together with their thread entry (CaseThreads::Append),
// in one WriteBatch. Thread-safe.
#ifndef CANDOUR_SERVICES_CASE_WORKFLOW_H_
#define CANDOUR_SERVICES_CASE_WORKFLOW_H_

#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/casework.pb.h"
#include "candour/v1/records.pb.h"
#include "core/period.h"
#include "core/working_days.h"
#include "storage/report_store.h"

namespace candour::services {

struct WorkflowPolicy {
  int acknowledge_working_days = 2;  // 0..kMaxWorkingDays
  int feedback_days = 30;            // calendar days, 1..3660
  core::WorkingCalendar calendar{core::EnglandBankHolidays()};
};

class CaseWorkflow {
 public:
  using TodayFn = std::function<core::Day()>;
  // `store` is not owned.
  CaseWorkflow(storage::ReportStore* store, WorkflowPolicy policy, TodayFn today)
      : store_(store), policy_(std::move(policy)), today_(std::move(today)) {}

  // The stored record of a report, or the one it starts with (new, with
  // deadlines from its received day) if none is stored yet. NOT_FOUND if
  // there is no such report; DATA_LOSS for a stored record that does not parse.
  absl::StatusOr<candour::v1::WorkflowRecord> Record(std::string_view report_id, core::Day received_day) const;

  // A record as CaseworkService lists it, with overdue flags as of today.
  candour::v1::CaseSummary Summarise(std::string_view report_id, core::Day received_day,
                                     const candour::v1::WorkflowRecord& record) const;

  // Applies a status move to `record`: FAILED_PRECONDITION if it is not a
  // legal move (core/case_workflow.h). Sets the acknowledged and closed days
  // and the retention class.
  absl::Status MoveTo(candour::v1::WorkflowRecord& record, candour::v1::CaseStatus to) const;

  // Cases newest first, filtered and paged (see ListCasesRequest).
  // INVALID_ARGUMENT for a malformed request or page token.
  absl::StatusOr<candour::v1::ListCasesResponse> List(const candour::v1::ListCasesRequest& request) const;

  core::Day today() const { return today_(); }

 private:
  storage::ReportStore* const store_;  // not owned
  const WorkflowPolicy policy_;
  const TodayFn today_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CASE_WORKFLOW_H_
