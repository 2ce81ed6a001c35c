// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// CaseThreads::Rewrap: turnover on the server's side. A Guardian who holds a
// case's key gives it to recipients of the current directory who joined
// after the report was made. The server checks everything it can see — the
// entry as Append does, that each recipient is in the current directory and
// holds no record yet, the records' sizes — and writes the REWRAP entry and
// the records in one unit, so no record lands without the signed entry that
// names it, nor without the Guardian's REWRAP audit entry (AuditTrail). It
// cannot check that a record seals the case key: only its recipient can, by
// opening the case.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "crypto/case_key.h"
#include "crypto/keys.h"
#include "services/case_threads.h"

namespace candour::services {
namespace {

constexpr int kMaxRewrapRecords = 64;

// Shape: INVALID_ARGUMENT for unknown fields, a count outside 1..64, a
// wrong-size key id or sealed key, or a recipient twice.
absl::Status CheckRecords(const candour::v1::RewrapRequest& request) {
  if (!request.GetReflection()->GetUnknownFields(request).empty()) {
    return absl::InvalidArgumentError("request has fields this server does not know");
  }
  const auto& records = request.case_key_records();
  if (records.empty() || records.size() > kMaxRewrapRecords) {
    return absl::InvalidArgumentError(
        absl::StrCat("case_key_records must hold 1 to ", kMaxRewrapRecords, " records, not ", records.size()));
  }
  std::set<std::string> recipients;
  for (const candour::v1::CaseKeyRecord& record : records) {
    if (!record.GetReflection()->GetUnknownFields(record).empty()) {
      return absl::InvalidArgumentError("a case-key record has fields this server does not know");
    }
    if (record.recipient_key_id().size() != crypto::kKeyIdSize) {
      return absl::InvalidArgumentError("recipient_key_id must be 16 bytes");
    }
    if (record.sealed_case_key().size() != crypto::kSealedKeySize) {
      return absl::InvalidArgumentError(
          absl::StrCat("sealed_case_key size ", record.sealed_case_key().size(), " is not 80"));
    }
    if (!recipients.insert(record.recipient_key_id()).second) {
      return absl::InvalidArgumentError("case_key_records names a recipient twice");
    }
  }
  return absl::OkStatus();
}

bool MayHoldCaseKeys(const candour::v1::Directory& directory, const std::string& key_id) {
  return std::any_of(directory.recipients().begin(), directory.recipients().end(), [&](const auto& r) {
    return r.key_id() == key_id &&
           (r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN || r.role() == candour::v1::RECIPIENT_ROLE_RECOVERY);
  });
}

// The records to store: PERMISSION_DENIED for a recipient that is not a
// Guardian or recovery key of `current`, ALREADY_EXISTS for one among
// `holders`. Storage would refuse the latter too, but as a clash of the
// whole unit, which Append reads as the thread having moved on.
absl::StatusOr<std::vector<storage::CaseKeyRecord>> RecordsToAdd(const candour::v1::RewrapRequest& request,
                                                                 const candour::v1::Directory& current,
                                                                 const std::vector<storage::CaseKeyRecord>& holders) {
  std::vector<storage::CaseKeyRecord> records;
  // Only to keys the organisation signed into the directory now: a removed
  // Guardian, or a key the caller made up, gets nothing.
  for (const candour::v1::CaseKeyRecord& record : request.case_key_records()) {
    if (!MayHoldCaseKeys(current, record.recipient_key_id())) {
      return absl::PermissionDeniedError("a recipient is not a Guardian or recovery key of the current directory");
    }
    records.push_back({record.recipient_key_id(), record.sealed_case_key()});
  }
  for (const storage::CaseKeyRecord& record : records) {
    if (std::any_of(holders.begin(), holders.end(),
                    [&](const auto& h) { return h.recipient_key_id == record.recipient_key_id; })) {
      return absl::AlreadyExistsError("a recipient already holds this case's key");
    }
  }
  return records;
}

}  // namespace

absl::StatusOr<candour::v1::EntryAdded> CaseThreads::Rewrap(const Caller& caller,
                                                            const candour::v1::RewrapRequest& request) const {
  if (absl::Status s = CheckRecords(request); !s.ok()) return s;
  const std::string& report_id = request.entry().report_id();
  // Names the report only: who was given the key is in the signed entry,
  // sealed, and the log needs no more than that the Guardian re-wrapped it.
  const AuditEvent rewrapped{caller.account, candour::v1::AUDIT_ACTION_REWRAP, ReportObject(report_id)};
  absl::StatusOr<Appended> appended =
      Append(request.entry(), candour::v1::ENTRY_KIND_REWRAP, &rewrapped, /*change=*/nullptr,
             [&](storage::UnitOfWork& unit, const CurrentDirectory& current) -> absl::Status {
               absl::StatusOr<std::vector<storage::CaseKeyRecord>> holders = store_->GetCaseKeys(report_id);
               if (!holders.ok()) return holders.status();
               auto records = RecordsToAdd(request, current.directory(), *holders);
               if (!records.ok()) return records.status();
               unit.AddCaseKeys(report_id, *std::move(records));
               return absl::OkStatus();
             });
  if (!appended.ok()) return appended.status();
  candour::v1::EntryAdded added;
  added.set_sequence(appended->sequence);
  *added.mutable_workflow() = std::move(appended->workflow);
  return added;
}

}  // namespace candour::services
