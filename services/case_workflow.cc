// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/case_workflow.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "core/case_workflow.h"

namespace candour::services {
namespace {

using candour::v1::CaseStatus;
using candour::v1::WorkflowRecord;

constexpr uint32_t kDefaultPageSize = 50;
constexpr uint32_t kMaxPageSize = 200;
constexpr size_t kReportIdSize = 16;

// A page token is the (day, report id) of the last case on the page before:
// 4 bytes big-endian day then the id. Not secret, and checked like any input.
std::string PageToken(core::Day day, std::string_view report_id) {
  std::string token(4, '\0');
  const auto d = static_cast<uint32_t>(day);
  token[0] = static_cast<char>(d >> 24);
  token[1] = static_cast<char>(d >> 16);
  token[2] = static_cast<char>(d >> 8);
  token[3] = static_cast<char>(d);
  token.append(report_id);
  return token;
}

struct Arrival {
  core::Day day;
  std::string report_id;
  // Newest first: later days, then higher ids.
  bool operator<(const Arrival& other) const {
    return day != other.day ? day > other.day : report_id > other.report_id;
  }
};

absl::StatusOr<Arrival> ParsePageToken(std::string_view token) {
  if (token.size() != 4 + kReportIdSize) return absl::InvalidArgumentError("page_token is malformed");
  const auto* b = reinterpret_cast<const unsigned char*>(token.data());
  const uint32_t d = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
  if (d > 3000000) return absl::InvalidArgumentError("page_token is malformed");
  return Arrival{static_cast<core::Day>(d), std::string(token.substr(4))};
}

bool IsOverdue(const candour::v1::CaseSummary& c) { return c.acknowledge_overdue() || c.feedback_overdue(); }

}  // namespace

absl::StatusOr<WorkflowRecord> CaseWorkflow::Record(std::string_view report_id, core::Day received_day) const {
  absl::StatusOr<std::optional<std::string>> stored = store_->GetWorkflow(report_id);
  if (!stored.ok()) return stored.status();
  WorkflowRecord record;
  if (stored->has_value()) {
    if (!record.ParseFromString(**stored)) return absl::DataLossError("a stored workflow record does not parse");
    return record;
  }
  record.set_status(candour::v1::CASE_STATUS_NEW);
  record.set_retention(candour::v1::RETENTION_CLASS_OPEN);
  absl::StatusOr<core::Day> acknowledge_by =
      policy_.calendar.AddWorkingDays(received_day, policy_.acknowledge_working_days);
  if (!acknowledge_by.ok()) return acknowledge_by.status();
  record.set_acknowledge_due_day(*acknowledge_by);
  record.set_feedback_due_day(received_day + policy_.feedback_days);
  return record;
}

candour::v1::CaseSummary CaseWorkflow::Summarise(std::string_view report_id, core::Day received_day,
                                                 const WorkflowRecord& record) const {
  const core::Day today = today_();
  candour::v1::CaseSummary summary;
  summary.set_report_id(std::string(report_id));
  summary.set_received_day(received_day);
  summary.set_status(record.status());
  summary.set_assignee_key_id(record.assignee_key_id());
  summary.set_acknowledge_due_day(record.acknowledge_due_day());
  summary.set_feedback_due_day(record.feedback_due_day());
  summary.set_acknowledged_day(record.acknowledged_day());
  summary.set_closed_day(record.closed_day());
  summary.set_acknowledge_overdue(record.status() == candour::v1::CASE_STATUS_NEW &&
                                  today > record.acknowledge_due_day());
  summary.set_feedback_overdue(record.status() != candour::v1::CASE_STATUS_CLOSED &&
                               today > record.feedback_due_day());
  return summary;
}

absl::Status CaseWorkflow::MoveTo(WorkflowRecord& record, CaseStatus to) const {
  if (!core::IsLegalTransition(record.status(), to)) {
    return absl::FailedPreconditionError("that status change is not allowed from the case's current status");
  }
  const core::Day today = today_();
  if (to == candour::v1::CASE_STATUS_ACKNOWLEDGED) record.set_acknowledged_day(today);
  if (to == candour::v1::CASE_STATUS_CLOSED) {
    record.set_closed_day(today);
    record.set_retention(candour::v1::RETENTION_CLASS_CLOSED);
  } else {
    record.set_closed_day(0);  // reopened, or never closed
    record.set_retention(candour::v1::RETENTION_CLASS_OPEN);
  }
  record.set_status(to);
  return absl::OkStatus();
}

absl::StatusOr<candour::v1::ListCasesResponse> CaseWorkflow::List(const candour::v1::ListCasesRequest& request) const {
  if (!request.GetReflection()->GetUnknownFields(request).empty()) {
    return absl::InvalidArgumentError("request has fields this server does not know");
  }
  if (request.statuses_size() > 6) return absl::InvalidArgumentError("at most 6 statuses");
  for (int s : request.statuses()) {
    if (!candour::v1::CaseStatus_IsValid(s) || s == candour::v1::CASE_STATUS_UNSPECIFIED) {
      return absl::InvalidArgumentError("statuses names an unknown status");
    }
  }
  if (!request.assignee_key_id().empty() && request.assignee_key_id().size() != 16) {
    return absl::InvalidArgumentError("assignee_key_id must be empty or 16 bytes");
  }
  if (request.page_size() > kMaxPageSize) return absl::InvalidArgumentError("page_size must be at most 200");
  const uint32_t page_size = request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  std::optional<Arrival> after;
  if (!request.page_token().empty()) {
    absl::StatusOr<Arrival> parsed = ParsePageToken(request.page_token());
    if (!parsed.ok()) return parsed.status();
    after = *std::move(parsed);
  }

  // Every report arrived on some day up to today; the arrivals index lists
  // them without reading envelopes.
  std::vector<Arrival> arrivals;
  absl::Status walked = store_->ForEachArrival(0, today_() + 1, [&](int32_t day, std::string_view id, std::string_view) {
    arrivals.push_back({day, std::string(id)});
  });
  if (!walked.ok()) return walked;
  std::sort(arrivals.begin(), arrivals.end());

  candour::v1::ListCasesResponse response;
  for (const Arrival& a : arrivals) {
    if (after.has_value() && !(*after < a)) continue;
    absl::StatusOr<WorkflowRecord> record = Record(a.report_id, a.day);
    if (!record.ok()) return record.status();
    const bool status_matches =
        request.statuses().empty() ||
        std::find(request.statuses().begin(), request.statuses().end(), record->status()) != request.statuses().end();
    if (!status_matches) continue;
    if (!request.assignee_key_id().empty() && record->assignee_key_id() != request.assignee_key_id()) continue;
    candour::v1::CaseSummary summary = Summarise(a.report_id, a.day, *record);
    if (request.overdue_only() && !IsOverdue(summary)) continue;
    if (static_cast<uint32_t>(response.cases_size()) == page_size) {
      const candour::v1::CaseSummary& last = response.cases(response.cases_size() - 1);
      response.set_page_token(PageToken(last.received_day(), last.report_id()));
      break;
    }
    *response.add_cases() = std::move(summary);
  }
  return response;
}

}  // namespace candour::services
