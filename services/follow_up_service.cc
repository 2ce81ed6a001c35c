// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/follow_up_service.h"

#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::services {
namespace {

constexpr size_t kLookupSize = 32;
constexpr char kTooManyMisses[] = "too many receipt codes not found; wait a minute and check the code";
constexpr char kNoSuchCode[] = "no report has this receipt code; check it for typing mistakes";

}  // namespace

absl::StatusOr<storage::Receipt> FollowUpService::Find(std::string_view lookup, std::string_view connection) const {
  if (lookup.size() != kLookupSize) return absl::InvalidArgumentError("lookup must be 32 bytes");
  // The lookup comes first and a hit is always answered, so a reporter with
  // a real code gets in even from an address a guesser shares (a ward's NAT,
  // the web gateway); only misses are limited.
  absl::StatusOr<storage::Receipt> receipt = store_->GetReceipt(crypto::DomainHash(crypto::kReceiptLookupContext, lookup));
  if (!absl::IsNotFound(receipt.status())) return receipt;
  const int64_t now = now_ms_();
  if (!limiter_->Allowed(connection, now) || !limiter_->RecordMiss(connection, now)) {
    return absl::ResourceExhaustedError(kTooManyMisses);
  }
  return absl::NotFoundError(kNoSuchCode);
}

absl::StatusOr<candour::v1::GetCaseResponse> FollowUpService::GetCase(const candour::v1::GetCaseRequest& request,
                                                                      std::string_view connection) const {
  absl::StatusOr<storage::Receipt> receipt = Find(request.lookup(), connection);
  if (!receipt.ok()) return receipt.status();
  absl::StatusOr<candour::v1::Envelope> envelope = threads_->Envelope(receipt->report_id);
  if (!envelope.ok()) return envelope.status();
  // Not audited: reporters have no account, and the log must not become a
  // record of when a reporter came back.
  absl::StatusOr<candour::v1::GetThreadResponse> thread = threads_->Thread(receipt->report_id);
  if (!thread.ok()) return thread.status();
  candour::v1::GetCaseResponse response;
  *response.mutable_envelope() = *std::move(envelope);
  response.set_sealed_view_key(receipt->sealed_case_key);
  for (candour::v1::ThreadEntry& entry : *thread->mutable_entries()) *response.add_entries() = std::move(entry);
  // What the reporter may expect next: an acknowledgement while the case is
  // new, then feedback until it is closed.
  const candour::v1::CaseSummary& workflow = thread->workflow();
  response.set_status(workflow.status());
  if (workflow.status() == candour::v1::CASE_STATUS_NEW) {
    response.set_reply_due_day(workflow.acknowledge_due_day());
  } else if (workflow.status() != candour::v1::CASE_STATUS_CLOSED) {
    response.set_reply_due_day(workflow.feedback_due_day());
  }
  return response;
}

absl::StatusOr<candour::v1::AddFollowUpResponse> FollowUpService::AddFollowUp(
    const candour::v1::AddFollowUpRequest& request, std::string_view connection) const {
  absl::StatusOr<storage::Receipt> receipt = Find(request.lookup(), connection);
  if (!receipt.ok()) return receipt.status();
  // The code opens one case only.
  if (request.entry().report_id() != receipt->report_id) {
    return absl::PermissionDeniedError("the entry is for another report than this receipt code's");
  }
  absl::StatusOr<CaseThreads::Appended> appended =
      threads_->Append(request.entry(), candour::v1::ENTRY_KIND_REPORTER_MESSAGE, /*audited=*/nullptr);
  if (!appended.ok()) return appended.status();
  candour::v1::AddFollowUpResponse response;
  response.set_sequence(appended->sequence);
  return response;
}

}  // namespace candour::services
