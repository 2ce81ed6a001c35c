// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/case_threads.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/keys.h"
#include "crypto/padding.h"
#include "crypto/thread_entry.h"

namespace candour::services {
namespace {

using candour::v1::EntryKind;
using candour::v1::ThreadEntry;

constexpr char kMovedOn[] = "the thread has changed since it was read; fetch it again";

}  // namespace

absl::Status ValidateEntryShape(const ThreadEntry& e, std::string_view organisation_id) {
  if (!e.GetReflection()->GetUnknownFields(e).empty()) {
    return absl::InvalidArgumentError("entry has fields this server does not know");
  }
  if (e.ciphertext().size() > crypto::kMaxEntryBucket + crypto::kAeadTagSize) {
    return absl::ResourceExhaustedError(
        absl::StrCat("entry ciphertext size ", e.ciphertext().size(), " is above 32 KiB + 16"));
  }
  return crypto::CheckEntryShape(e, organisation_id);
}

absl::StatusOr<candour::v1::Envelope> CaseThreads::Envelope(std::string_view report_id) const {
  absl::StatusOr<storage::StoredReport> stored = store_->GetReport(report_id);
  if (!stored.ok()) return stored.status();
  candour::v1::Envelope envelope;
  if (!envelope.ParseFromString(stored->envelope)) return absl::DataLossError("a stored envelope does not parse");
  return envelope;
}

absl::StatusOr<std::vector<ThreadEntry>> CaseThreads::Get(std::string_view report_id) const {
  absl::StatusOr<std::vector<storage::ThreadEntryRecord>> stored = store_->GetThread(report_id);
  if (!stored.ok()) return stored.status();
  std::vector<ThreadEntry> entries(stored->size());
  for (size_t i = 0; i < stored->size(); ++i) {
    if (!entries[i].ParseFromString((*stored)[i].entry)) return absl::DataLossError("a stored entry does not parse");
  }
  return entries;
}

absl::StatusOr<uint32_t> CaseThreads::Append(const ThreadEntry& entry, EntryKind allowed,
                                             const AuditEvent* audited) const {
  std::shared_ptr<const CurrentDirectory> current = directories_->Current();
  if (current == nullptr) return absl::FailedPreconditionError("no directory has been published yet");
  const std::string& organisation_id = current->directory().organisation_id();
  if (absl::Status s = ValidateEntryShape(entry, organisation_id); !s.ok()) return s;
  if (entry.kind() != allowed) return absl::InvalidArgumentError("this entry kind cannot be written here");

  absl::StatusOr<candour::v1::Envelope> envelope = Envelope(entry.report_id());
  if (!envelope.ok()) return envelope.status();
  absl::StatusOr<std::vector<ThreadEntry>> thread = Get(entry.report_id());
  if (!thread.ok()) return thread.status();
  if (entry.sequence() != thread->size() + 1) return absl::FailedPreconditionError(kMovedOn);
  // Both sides read the whole thread in one response, so its size stays under
  // the message limit: a full thread is refused rather than made unreadable.
  size_t bytes = envelope->ByteSizeLong() + entry.ByteSizeLong();
  for (const ThreadEntry& earlier : *thread) bytes += earlier.ByteSizeLong();
  if (bytes > max_thread_bytes_) {
    return absl::ResourceExhaustedError("this case's thread is full; the Guardian can start a new case");
  }
  const std::string envelope_hash = crypto::EnvelopeHash(*envelope, organisation_id);
  const std::string last_hash =
      thread->empty() ? envelope_hash : crypto::EntryHash(thread->back(), organisation_id);
  if (entry.previous_hash() != last_hash) return absl::FailedPreconditionError(kMovedOn);

  if (entry.kind() == candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE) {
    const auto& recipients = current->directory().recipients();
    auto author = std::find_if(recipients.begin(), recipients.end(), [&](const auto& r) {
      return r.key_id() == entry.author_key_id() && r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN;
    });
    if (author == recipients.end()) {
      return absl::PermissionDeniedError("the entry's author is not a Guardian of the current directory");
    }
    // Only a holder of this case's key can write something the reporter can
    // open; anyone else could only plant an entry that stops the thread.
    const auto& holders = envelope->recipient_key_ids();
    if (std::find(holders.begin(), holders.end(), entry.author_key_id()) == holders.end()) {
      return absl::PermissionDeniedError("the entry's author does not hold this case's key");
    }
    if (absl::Status s = crypto::VerifyEntrySignature(entry, author->ed25519_public_key(), organisation_id); !s.ok()) {
      return absl::UnauthenticatedError("the entry's signature does not verify with its author's key");
    }
    bool quotes_known = entry.quoted_hash() == envelope_hash;
    for (const ThreadEntry& earlier : *thread) {
      quotes_known |= earlier.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE &&
                      crypto::EntryHash(earlier, organisation_id) == entry.quoted_hash();
    }
    if (!quotes_known) return absl::FailedPreconditionError("the entry quotes nothing in this thread");
  }

  storage::UnitOfWork unit;
  unit.AddThreadEntry(entry.report_id(), {entry.sequence(), entry.SerializeAsString()});
  absl::StatusOr<storage::CommitOutcome> committed =
      audited != nullptr ? audit_->Commit(std::move(unit), *audited) : store_->Commit(unit);
  // Another append took this sequence between our read and our write.
  if (absl::IsAlreadyExists(committed.status())) return absl::FailedPreconditionError(kMovedOn);
  if (!committed.ok()) return committed.status();
  return entry.sequence();
}

absl::StatusOr<candour::v1::GetThreadResponse> CaseThreads::GetThread(
    const Caller& caller, const candour::v1::GetThreadRequest& request) const {
  if (request.report_id().size() != crypto::kReportIdSize) {
    return absl::InvalidArgumentError("report_id must be 16 bytes");
  }
  absl::StatusOr<std::vector<ThreadEntry>> entries = Get(request.report_id());
  if (!entries.ok()) return entries.status();
  AuditEvent fetched{caller.account, candour::v1::AUDIT_ACTION_FETCH_THREAD, ReportObject(request.report_id())};
  if (absl::Status s = audit_->Record(fetched); !s.ok()) return s;
  candour::v1::GetThreadResponse response;
  for (ThreadEntry& entry : *entries) *response.add_entries() = std::move(entry);
  return response;
}

absl::StatusOr<candour::v1::ReplyResponse> CaseThreads::Reply(const Caller& caller,
                                                               const candour::v1::ReplyRequest& request) const {
  const AuditEvent replied{caller.account, candour::v1::AUDIT_ACTION_REPLY, ReportObject(request.entry().report_id())};
  absl::StatusOr<uint32_t> sequence = Append(request.entry(), candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, &replied);
  if (!sequence.ok()) return sequence.status();
  candour::v1::ReplyResponse response;
  response.set_sequence(*sequence);
  return response;
}

}  // namespace candour::services
