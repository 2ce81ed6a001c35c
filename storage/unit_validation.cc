// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/unit_validation.h"

#include <set>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace candour::storage {
namespace {

absl::Status ValidateReport(const NewReport& report) {
  if (report.report_id.size() != kReportIdSize) {
    return absl::InvalidArgumentError(absl::StrCat("report_id must be ", kReportIdSize, " bytes"));
  }
  if (report.receipt_lookup_hash.size() != kLookupHashSize) {
    return absl::InvalidArgumentError(absl::StrCat("receipt_lookup_hash must be ", kLookupHashSize, " bytes"));
  }
  // Days are stored as u32 (storage/schema.h), so they cannot be negative.
  if (report.received_day < 0) return absl::InvalidArgumentError("received_day must not be negative");
  std::set<std::string_view> key_ids;
  for (const CaseKeyRecord& record : report.case_keys) {
    if (record.recipient_key_id.size() != kRecipientKeyIdSize) {
      return absl::InvalidArgumentError(absl::StrCat("recipient_key_id must be ", kRecipientKeyIdSize, " bytes"));
    }
    if (!key_ids.insert(record.recipient_key_id).second) {
      return absl::InvalidArgumentError("recipient_key_id appears twice in one report");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateUnit(const UnitOfWork& unit) {
  std::set<std::string_view> report_ids;
  std::set<std::string_view> lookup_hashes;
  for (const UnitOfWork::Write& write : unit.writes()) {
    const auto* report = std::get_if<NewReport>(&write);
    if (report == nullptr) continue;
    if (absl::Status s = ValidateReport(*report); !s.ok()) return s;
    if (!report_ids.insert(report->report_id).second) {
      return absl::InvalidArgumentError("report_id appears twice in one unit of work");
    }
    if (!lookup_hashes.insert(report->receipt_lookup_hash).second) {
      return absl::InvalidArgumentError("receipt_lookup_hash appears twice in one unit of work");
    }
  }
  return absl::OkStatus();
}

}  // namespace candour::storage
