// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/bad_submissions.h"

#include <google/protobuf/unknown_field_set.h>

namespace candour::testing {
namespace {

using candour::v1::SubmitReportRequest;
using Code = absl::StatusCode;

constexpr Code kInvalid = Code::kInvalidArgument;
constexpr Code kPrecondition = Code::kFailedPrecondition;
constexpr Code kExhausted = Code::kResourceExhausted;

// Ciphertext sizes: (1024 << k) + 16 for k = 0..6.
constexpr size_t kTag = 16;
constexpr size_t kLargest = 65536;

std::string Bytes(size_t n, char c = '\x5a') { return std::string(n, c); }

// The unknown fields of `m`, to add some that this server does not know.
google::protobuf::UnknownFieldSet& Unknown(google::protobuf::Message& m) {
  return *m.GetReflection()->MutableUnknownFields(&m);
}

// Replaces recipient i's key id in the envelope and in its record.
void SetRecipient(SubmitReportRequest& r, int i, const std::string& id) {
  r.mutable_envelope()->set_recipient_key_ids(i, id);
  r.mutable_case_key_records(i)->set_recipient_key_id(id);
}

std::vector<BadSubmission> Make() {
  std::vector<BadSubmission> cases = {
      // Presence and unknown fields.
      {"MissingEnvelope", [](SubmitReportRequest& r) { r.clear_envelope(); }, kInvalid},
      {"MissingReceipt", [](SubmitReportRequest& r) { r.clear_receipt(); }, kInvalid},
      {"UnknownFieldInRequest", [](SubmitReportRequest& r) { Unknown(r).AddVarint(99, 1); },
       kInvalid},
      {"UnknownFieldInEnvelope",
       [](SubmitReportRequest& r) { Unknown(*r.mutable_envelope()).AddLengthDelimited(20, "x"); },
       kInvalid},
      {"UnknownFieldInReceipt",
       [](SubmitReportRequest& r) { Unknown(*r.mutable_receipt()).AddFixed64(7, 1); }, kInvalid},
      {"UnknownFieldInCaseKeyRecord",
       [](SubmitReportRequest& r) { Unknown(*r.mutable_case_key_records(1)).AddVarint(3, 0); },
       kInvalid},
      // Envelope version and field sizes.
      {"EnvelopeVersionZero", [](SubmitReportRequest& r) { r.mutable_envelope()->set_envelope_version(0); },
       kInvalid},
      {"EnvelopeVersionTwo", [](SubmitReportRequest& r) { r.mutable_envelope()->set_envelope_version(2); },
       kInvalid},
      {"ReportIdEmpty", [](SubmitReportRequest& r) { r.mutable_envelope()->clear_report_id(); }, kInvalid},
      {"ReportId15Bytes", [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_report_id()->pop_back(); },
       kInvalid},
      {"ReportId17Bytes", [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_report_id()->push_back('x'); },
       kInvalid},
      {"DirectoryHash31Bytes",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_directory_hash()->pop_back(); }, kInvalid},
      {"Nonce23Bytes", [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_nonce()->pop_back(); }, kInvalid},
      {"Nonce25Bytes", [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_nonce()->push_back('n'); },
       kInvalid},
      {"KeyCommitment31Bytes",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_key_commitment()->pop_back(); }, kInvalid},
      {"KeyCommitment33Bytes",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_key_commitment()->push_back('c'); }, kInvalid},
      {"SealedTagEmpty", [](SubmitReportRequest& r) { r.mutable_envelope()->clear_sealed_tag(); }, kInvalid},
      {"SealedTag63Bytes", [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_sealed_tag()->pop_back(); },
       kInvalid},
      {"SealedTag65Bytes",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_sealed_tag()->push_back('t'); }, kInvalid},
      // Ciphertext sizes.
      {"CiphertextNotABucketSize",
       [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(1024 + kTag + 1)); }, kInvalid},
      {"CiphertextBucketWithoutAeadTag",
       [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(2048)); }, kInvalid},
      {"CiphertextTooShort", [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(kTag - 1)); },
       kInvalid},
      {"CiphertextOnlyAeadTag", [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(kTag)); },
       kInvalid},
      {"CiphertextEmpty", [](SubmitReportRequest& r) { r.mutable_envelope()->clear_ciphertext(); }, kInvalid},
      {"CiphertextOneAboveLargestBucket",
       [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(kLargest + kTag + 1)); }, kExhausted},
      {"CiphertextTwiceLargestBucket",
       [](SubmitReportRequest& r) { r.mutable_envelope()->set_ciphertext(Bytes(2 * kLargest + kTag)); }, kExhausted},
      // Receipt binding.
      {"ReceiptLookupHash31Bytes",
       [](SubmitReportRequest& r) { r.mutable_receipt()->mutable_lookup_hash()->pop_back(); }, kInvalid},
      {"ReceiptLookupHash33Bytes",
       [](SubmitReportRequest& r) { r.mutable_receipt()->mutable_lookup_hash()->push_back('h'); }, kInvalid},
      {"ReceiptLookupHashEmpty", [](SubmitReportRequest& r) { r.mutable_receipt()->clear_lookup_hash(); }, kInvalid},
      {"ReceiptSealedCaseKey79Bytes",
       [](SubmitReportRequest& r) { r.mutable_receipt()->mutable_sealed_view_key()->pop_back(); }, kInvalid},
      // Directory binding.
      {"DirectoryVersionUnknown", [](SubmitReportRequest& r) { r.mutable_envelope()->set_directory_version(99); },
       kPrecondition},
      {"DirectoryVersionZero", [](SubmitReportRequest& r) { r.mutable_envelope()->set_directory_version(0); },
       kPrecondition},
      {"DirectoryHashWrong",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_directory_hash()->at(0) ^= 0x01; },
       kPrecondition},
      // Recipients.
      {"RecipientMissing",
       [](SubmitReportRequest& r) {
         r.mutable_envelope()->mutable_recipient_key_ids()->RemoveLast();
         r.mutable_case_key_records()->RemoveLast();
       },
       kInvalid},
      {"RecipientsEmpty",
       [](SubmitReportRequest& r) {
         r.mutable_envelope()->clear_recipient_key_ids();
         r.clear_case_key_records();
       },
       kInvalid},
      {"RecipientDuplicated", [](SubmitReportRequest& r) { SetRecipient(r, 1, r.envelope().recipient_key_ids(0)); },
       kInvalid},
      {"RecipientUnknown", [](SubmitReportRequest& r) { SetRecipient(r, 2, Bytes(16, '\xff')); }, kInvalid},
      {"RecipientExtra",
       [](SubmitReportRequest& r) {
         r.mutable_envelope()->add_recipient_key_ids(Bytes(16, '\xff'));
         auto* record = r.add_case_key_records();
         record->set_recipient_key_id(Bytes(16, '\xff'));
         record->set_sealed_case_key(r.case_key_records(0).sealed_case_key());
       },
       kInvalid},
      {"RecipientsOutOfOrder",
       [](SubmitReportRequest& r) {
         r.mutable_envelope()->mutable_recipient_key_ids()->SwapElements(0, 1);
         r.mutable_case_key_records()->SwapElements(0, 1);
       },
       kInvalid},
      {"RecipientKeyId15Bytes",
       [](SubmitReportRequest& r) { r.mutable_envelope()->mutable_recipient_key_ids(0)->pop_back(); }, kInvalid},
      // Case-key records.
      {"CaseKeyRecord79Bytes", [](SubmitReportRequest& r) { r.mutable_case_key_records(0)->mutable_sealed_case_key()->pop_back(); },
       kInvalid},
      {"CaseKeyRecord81Bytes",
       [](SubmitReportRequest& r) { r.mutable_case_key_records(2)->mutable_sealed_case_key()->push_back('k'); },
       kInvalid},
      {"CaseKeyRecordsOutOfOrder", [](SubmitReportRequest& r) { r.mutable_case_key_records()->SwapElements(0, 1); },
       kInvalid},
      {"CaseKeyRecordMissing", [](SubmitReportRequest& r) { r.mutable_case_key_records()->RemoveLast(); }, kInvalid},
      {"CaseKeyRecordExtra", [](SubmitReportRequest& r) { *r.add_case_key_records() = r.case_key_records(2); },
       kInvalid},
      {"CaseKeyRecordsNone", [](SubmitReportRequest& r) { r.clear_case_key_records(); }, kInvalid},
      {"CaseKeyRecordForOtherRecipient",
       [](SubmitReportRequest& r) {
         r.mutable_case_key_records(2)->set_recipient_key_id(r.envelope().recipient_key_ids(1));
       },
       kInvalid},
  };
  return cases;
}

}  // namespace

const std::vector<BadSubmission>& BadSubmissions() {
  static const auto* cases = new std::vector<BadSubmission>(Make());
  return *cases;
}

}  // namespace candour::testing
