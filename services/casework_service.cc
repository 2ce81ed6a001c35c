// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/casework_service.h"

#include "crypto/access_proof.h"
#include "crypto/envelope.h"

namespace candour::services {

using candour::v1::GetReportRequest;

CaseworkService::CaseworkService(storage::ReportStore* store, DirectoryRegistry* directories, AuditTrail* audit,
                                 UnixClock now)
    : store_(store), directories_(directories), audit_(audit), now_(std::move(now)) {}

absl::Status CaseworkService::Authenticate(const GetReportRequest& request) const {
  if (request.report_id().size() != crypto::kReportIdSize) {
    return absl::InvalidArgumentError("report_id must be 16 bytes");
  }
  if (request.recipient_key_id().size() != crypto::kKeyIdSize) {
    return absl::InvalidArgumentError("recipient_key_id must be 16 bytes");
  }
  if (request.signature().size() != crypto_sign_BYTES) return absl::InvalidArgumentError("signature must be 64 bytes");
  // One message for every failure below, so the answer does not tell a prober
  // which key ids exist.
  const auto unauthenticated = absl::UnauthenticatedError("access proof is not valid now");
  // Compared without subtracting the client's value, which could overflow.
  const int64_t now = now_();
  if (request.issued_at() < now - kAccessProofWindowSeconds || request.issued_at() > now + kAccessProofWindowSeconds) {
    return unauthenticated;
  }
  auto current = directories_->Current();
  if (current == nullptr) return unauthenticated;
  for (const auto& r : current->directory().recipients()) {
    if (r.key_id() != request.recipient_key_id()) continue;
    if (crypto::VerifyReportAccess(r.ed25519_public_key(), request.report_id(), request.recipient_key_id(),
                                   request.issued_at(), request.signature())) {
      return absl::OkStatus();
    }
  }
  return unauthenticated;
}

absl::StatusOr<candour::v1::GetReportResponse> CaseworkService::GetReport(const Caller& caller,
                                                                         const GetReportRequest& request) const {
  if (auto s = Authenticate(request); !s.ok()) return s;
  auto report = store_->GetReport(request.report_id());
  if (!report.ok()) return report.status();
  auto records = store_->GetCaseKeys(request.report_id());
  if (!records.ok()) return records.status();
  candour::v1::GetReportResponse response;
  if (!response.mutable_envelope()->ParseFromString(report->envelope)) {
    return absl::DataLossError("stored envelope does not parse");
  }
  for (const auto& rec : *records) {
    response.add_key_holder_ids(rec.recipient_key_id);
    if (rec.recipient_key_id == request.recipient_key_id()) {
      response.mutable_case_key_record()->set_recipient_key_id(rec.recipient_key_id);
      response.mutable_case_key_record()->set_sealed_case_key(rec.sealed_case_key);
    }
  }
  if (!response.has_case_key_record()) return absl::NotFoundError("no case-key record for this recipient");
  response.set_received_day(report->received_day);
  AuditEvent opened{caller.account, candour::v1::AUDIT_ACTION_OPEN_REPORT, ReportObject(request.report_id())};
  if (absl::Status s = audit_->Record(opened); !s.ok()) return s;
  return response;
}

}  // namespace candour::services
