// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/intake_service.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "services/submission_rules.h"

namespace candour::services {

using candour::v1::SubmitReportRequest;

namespace {

// Deterministic, so that an identical retry serialises to identical bytes.
std::string CanonicalEnvelope(const candour::v1::Envelope& envelope) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    envelope.SerializeToCodedStream(&coded);
  }  // the streams flush and trim `bytes` as they go out of scope
  return bytes;
}

candour::v1::SubmitReportResponse Accepted(const SubmitReportRequest& request) {
  candour::v1::SubmitReportResponse response;
  response.set_report_id(request.envelope().report_id());
  return response;
}

}  // namespace

bool IntakeService::IsStoredRetry(const SubmitReportRequest& request) const {
  auto stored = store_->GetReport(request.envelope().report_id());
  if (!stored.ok() || stored->envelope != CanonicalEnvelope(request.envelope())) return false;
  auto records = store_->GetCaseKeys(request.envelope().report_id());
  if (!records.ok()) return false;
  for (const auto& rec : request.case_key_records()) {
    bool found = false;
    for (const auto& have : *records) {
      found |= have.recipient_key_id == rec.recipient_key_id() && have.sealed_case_key == rec.sealed_case_key();
    }
    if (!found) return false;
  }
  auto receipt = store_->GetReceipt(request.receipt().lookup_hash());
  return receipt.ok() && receipt->report_id == request.envelope().report_id() &&
         receipt->sealed_case_key == request.receipt().sealed_view_key();
}

absl::StatusOr<candour::v1::SignedDirectory> IntakeService::GetDirectory(
    const candour::v1::GetDirectoryRequest& request) const {
  return directories_->Get(request.version());
}

absl::StatusOr<candour::v1::SubmitReportResponse> IntakeService::SubmitReport(const SubmitReportRequest& request) const {
  auto current = directories_->Current();
  if (current == nullptr) return absl::FailedPreconditionError("no directory has been published yet");
  core::Day today = today_();
  if (auto s = ValidateSubmission(request, *current, today); !s.ok()) {
    // A client that lost our answer may retry after a new directory was
    // published; its report is already safe, so say so instead of making it
    // re-encrypt and store the story twice.
    if (absl::IsFailedPrecondition(s) && IsStoredRetry(request)) return Accepted(request);
    return s;
  }

  const auto& envelope = request.envelope();
  storage::NewReport report;
  report.report_id = envelope.report_id();
  report.received_day = today;
  report.envelope = CanonicalEnvelope(envelope);
  report.sealed_tag = envelope.sealed_tag();
  report.case_keys.reserve(request.case_key_records_size());
  for (const auto& rec : request.case_key_records()) {
    report.case_keys.push_back({rec.recipient_key_id(), rec.sealed_case_key()});
  }
  report.receipt_lookup_hash = request.receipt().lookup_hash();
  report.receipt_sealed_case_key = request.receipt().sealed_view_key();

  storage::UnitOfWork unit;
  unit.AddReport(std::move(report));
  auto committed = store_->Commit(unit);
  if (!committed.ok()) return committed.status();
  return Accepted(request);
}

}  // namespace candour::services
