// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/submission_rules.h"

#include "absl/strings/str_cat.h"
#include "core/directory_rules.h"
#include "crypto/case_key.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/padding.h"
#include "crypto/sealed_tag.h"

namespace candour::services {
namespace {

using candour::v1::Envelope;
using candour::v1::SubmitReportRequest;

absl::Status CheckSize(absl::string_view field, std::string_view value, size_t expected) {
  if (value.size() == expected) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " is ", value.size(), " bytes; expected ", expected));
}

bool HasUnknownFields(const SubmitReportRequest& r) {
  // Unknown fields would be stored verbatim: a channel for data we never asked for.
  if (!r.GetReflection()->GetUnknownFields(r).empty()) return true;
  if (!r.envelope().GetReflection()->GetUnknownFields(r.envelope()).empty()) return true;
  if (!r.receipt().GetReflection()->GetUnknownFields(r.receipt()).empty()) return true;
  for (const auto& rec : r.case_key_records()) {
    if (!rec.GetReflection()->GetUnknownFields(rec).empty()) return true;
  }
  return false;
}

absl::Status CheckCiphertext(const Envelope& e) {
  size_t size = e.ciphertext().size();
  if (size > crypto::kLargestBucket + crypto::kAeadTagSize) {
    return absl::ResourceExhaustedError(absl::StrCat("ciphertext size ", size, " is above the largest bucket"));
  }
  if (size < crypto::kAeadTagSize || !crypto::IsBucketSize(size - crypto::kAeadTagSize)) {
    return absl::InvalidArgumentError(absl::StrCat("ciphertext size ", size, " is not a padding bucket plus 16"));
  }
  return absl::OkStatus();
}

absl::Status CheckEnvelopeShape(const Envelope& e) {
  if (e.envelope_version() != crypto::kEnvelopeVersion) {
    return absl::InvalidArgumentError(absl::StrCat("envelope_version is not supported; this server accepts ",
                                                   crypto::kEnvelopeVersion));
  }
  if (auto s = CheckSize("report_id", e.report_id(), crypto::kReportIdSize); !s.ok()) return s;
  if (auto s = CheckSize("directory_hash", e.directory_hash(), crypto::kHashSize); !s.ok()) return s;
  if (auto s = CheckSize("nonce", e.nonce(), crypto::kNonceSize); !s.ok()) return s;
  if (auto s = CheckSize("key_commitment", e.key_commitment(), crypto::kHashSize); !s.ok()) return s;
  if (auto s = CheckSize("sealed_tag", e.sealed_tag(), crypto::kSealedTagSize); !s.ok()) return s;
  return CheckCiphertext(e);
}

absl::Status CheckDirectoryBinding(const Envelope& e, const CurrentDirectory& current, core::Day today) {
  const auto& d = current.directory();
  if (e.directory_version() != d.version()) {
    return absl::FailedPreconditionError(absl::StrCat("directory_version is not the current version ", d.version()));
  }
  if (e.directory_hash() != current.verified.hash) {
    return absl::FailedPreconditionError("directory_hash does not match the current directory");
  }
  return core::CheckDirectoryCurrent(d, today);
}

absl::Status CheckRecipients(const SubmitReportRequest& r, const CurrentDirectory& current) {
  const auto& ids = r.envelope().recipient_key_ids();
  for (int i = 0; i < ids.size(); ++i) {
    if (auto s = CheckSize("recipient_key_ids entry", ids[i], crypto::kKeyIdSize); !s.ok()) return s;
    if (i > 0 && ids[i] == ids[i - 1]) return absl::InvalidArgumentError("recipient_key_ids has a duplicate");
    if (i > 0 && ids[i] < ids[i - 1]) return absl::InvalidArgumentError("recipient_key_ids is not ascending");
    if (!current.recipient_key_ids.contains(ids[i])) {
      return absl::InvalidArgumentError("recipient_key_ids names a key not in the directory");
    }
  }
  if (static_cast<size_t>(ids.size()) != current.recipient_key_ids.size()) {
    return absl::InvalidArgumentError(absl::StrCat("recipient_key_ids has ", ids.size(), " keys; the directory has ",
                                                   current.recipient_key_ids.size(), " recipients"));
  }
  if (r.case_key_records_size() != ids.size()) {
    return absl::InvalidArgumentError("case_key_records must have one record per recipient");
  }
  for (int i = 0; i < ids.size(); ++i) {
    const auto& rec = r.case_key_records(i);
    if (rec.recipient_key_id() != ids[i]) {
      return absl::InvalidArgumentError("case_key_records are not in recipient_key_ids order");
    }
    if (auto s = CheckSize("sealed_case_key", rec.sealed_case_key(), crypto::kSealedKeySize); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSubmission(const SubmitReportRequest& r, const CurrentDirectory& current, core::Day today) {
  if (!r.has_envelope()) return absl::InvalidArgumentError("envelope is missing");
  if (!r.has_receipt()) return absl::InvalidArgumentError("receipt is missing");
  if (HasUnknownFields(r)) return absl::InvalidArgumentError("request has fields this server does not know");
  if (auto s = CheckEnvelopeShape(r.envelope()); !s.ok()) return s;
  if (auto s = CheckSize("receipt.lookup_hash", r.receipt().lookup_hash(), crypto::kHashSize); !s.ok()) return s;
  if (auto s = CheckSize("receipt.sealed_view_key", r.receipt().sealed_view_key(), crypto::kSealedViewKeySize); !s.ok()) {
    return s;
  }
  if (auto s = CheckDirectoryBinding(r.envelope(), current, today); !s.ok()) return s;
  return CheckRecipients(r, current);
}

}  // namespace candour::services
