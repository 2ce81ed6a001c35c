// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/audit_service.h"

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "crypto/audit_chain.h"
#include "crypto/envelope.h"

namespace candour::services {
namespace {

// Pages of the log read at once when scanning it whole.
constexpr size_t kScanPage = 1000;

void AddRecord(const storage::AuditRecord& record, google::protobuf::RepeatedPtrField<candour::v1::AuditRecord>* out) {
  candour::v1::AuditRecord* added = out->Add();
  added->set_sequence(record.sequence);
  added->set_entry(record.entry);
}

}  // namespace

absl::StatusOr<candour::v1::ReadAuditResponse> AuditService::ReadAudit(
    const Caller& caller, const candour::v1::ReadAuditRequest& request) const {
  if (request.max() < 1 || request.max() > kMaxReadEntries) {
    return absl::InvalidArgumentError("max must be 1 to 1000");
  }
  const AuditEvent read{caller.account, candour::v1::AUDIT_ACTION_READ_AUDIT, absl::StrCat(request.first())};
  if (absl::Status s = audit_->Record(read); !s.ok()) return s;
  const uint64_t length = audit_->head().length;
  absl::StatusOr<std::vector<storage::AuditRecord>> records = store_->ReadAudit(request.first(), request.max());
  if (!records.ok()) return records.status();
  candour::v1::ReadAuditResponse response;
  for (const storage::AuditRecord& record : *records) AddRecord(record, response.mutable_records());
  response.set_length(length);
  return response;
}

absl::Status AuditService::CheckHeadAt(uint64_t length, const std::string& head_hash) const {
  absl::StatusOr<std::vector<storage::AuditRecord>> at = store_->ReadAudit(length, 1);
  if (!at.ok()) return at.status();
  if (at->empty() || (*at)[0].sequence != length) {
    return absl::FailedPreconditionError("the audit log is shorter than the checkpoint");
  }
  absl::StatusOr<std::string> hash = crypto::AuditEntryHash((*at)[0].entry);
  if (!hash.ok() || *hash != head_hash) {
    return absl::FailedPreconditionError("the audit log's entry at the checkpoint's length has another hash");
  }
  return absl::OkStatus();
}

absl::StatusOr<candour::v1::AddCheckpointResponse> AuditService::AddCheckpoint(
    const Caller& caller, const candour::v1::AddCheckpointRequest& request) const {
  const candour::v1::AuditCheckpoint& checkpoint = request.checkpoint();
  if (!checkpoint.GetReflection()->GetUnknownFields(checkpoint).empty()) {
    return absl::InvalidArgumentError("checkpoint has fields this server does not know");
  }
  std::shared_ptr<const CurrentDirectory> current = directories_->Current();
  if (current == nullptr) return absl::FailedPreconditionError("no directory has been published yet");
  absl::StatusOr<std::string> admin = crypto::VerifyAuditCheckpoint(checkpoint, current->directory());
  if (!admin.ok()) return admin.status();
  // The log only grows, so an entry found here stays; the unit's own
  // precondition re-checks that the log reaches the length.
  if (absl::Status s = CheckHeadAt(checkpoint.length(), checkpoint.head_hash()); !s.ok()) return s;
  storage::UnitOfWork unit;
  unit.AddAuditCheckpoint({checkpoint.length(), checkpoint.SerializeAsString()});
  const AuditEvent signed_off{caller.account, candour::v1::AUDIT_ACTION_CHECKPOINT, absl::StrCat(checkpoint.length())};
  absl::StatusOr<storage::CommitOutcome> committed = audit_->Commit(std::move(unit), signed_off);
  if (!committed.ok()) return committed.status();
  return candour::v1::AddCheckpointResponse();
}

absl::StatusOr<candour::v1::GetAuditHeadResponse> AuditService::GetAuditHead(
    const candour::v1::GetAuditHeadRequest& request) const {
  // The checkpoint first: its entry existed when it was stored, so the head
  // read after it is at least as long, and a client never sees a checkpoint
  // beyond the head it is given (which would look like a cut log).
  candour::v1::GetAuditHeadResponse response;
  absl::StatusOr<std::optional<storage::AuditCheckpointRecord>> latest = store_->LatestAuditCheckpoint();
  if (!latest.ok()) return latest.status();
  if (latest->has_value() && !response.mutable_checkpoint()->ParseFromString((*latest)->checkpoint)) {
    return absl::DataLossError("the latest stored checkpoint does not parse");
  }
  const AuditTrail::Head head = audit_->head();
  response.set_length(head.length);
  if (head.length > 0) response.set_head_hash(head.hash);
  if (request.known_length() >= head.length) return response;
  const uint64_t wanted = std::min<uint64_t>(head.length - request.known_length(), kMaxHeadDigests);
  absl::StatusOr<std::vector<storage::AuditRecord>> records =
      store_->ReadAudit(request.known_length() + 1, static_cast<size_t>(wanted));
  if (!records.ok()) return records.status();
  // Digests of what is stored, as stored: an altered log gives digests that
  // do not lead to the head, and the client says so.
  for (const storage::AuditRecord& record : *records) response.add_body_digests(crypto::AuditBodyDigest(record.entry));
  return response;
}

absl::StatusOr<candour::v1::GetCaseAccessResponse> AuditService::GetCaseAccess(
    const Caller& caller, const candour::v1::GetCaseAccessRequest& request) const {
  if (request.report_id().size() != crypto::kReportIdSize) {
    return absl::InvalidArgumentError("report_id must be 16 bytes");
  }
  absl::StatusOr<storage::StoredReport> report = store_->GetReport(request.report_id());
  if (!report.ok()) return report.status();
  const std::string object = ReportObject(request.report_id());
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_CASE_ACCESS, object}); !s.ok()) {
    return s;
  }
  // One pass over the whole log: case accesses are rare and the log is
  // small (an entry per staff action); an index by object would be the next
  // step for a log of millions of entries.
  std::deque<storage::AuditRecord> matches;
  for (uint64_t next = 1;;) {
    absl::StatusOr<std::vector<storage::AuditRecord>> page = store_->ReadAudit(next, kScanPage);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    next = page->back().sequence + 1;
    for (storage::AuditRecord& record : *page) {
      absl::StatusOr<candour::v1::AuditEntry> entry = crypto::ParseAuditEntry(record.entry);
      if (!entry.ok()) return absl::DataLossError("a stored audit entry does not parse; run candourd audit verify");
      if (entry->object() != object) continue;
      matches.push_back(std::move(record));
      if (matches.size() > kMaxCaseAccessRecords) matches.pop_front();
    }
    if (page->size() < kScanPage) break;
  }
  candour::v1::GetCaseAccessResponse response;
  for (const storage::AuditRecord& record : matches) AddRecord(record, response.mutable_records());
  return response;
}

}  // namespace candour::services
