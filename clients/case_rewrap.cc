// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/case_rewrap.h"

#include <algorithm>

#include "crypto/case_key.h"

namespace candour::clients {
namespace {

constexpr size_t kMaxRewrapRecipients = 64;

}  // namespace

std::vector<candour::v1::Recipient> MissingRecipients(const OpenedCase& opened) {
  std::vector<candour::v1::Recipient> missing;
  for (const candour::v1::Recipient& r : opened.current_directory.directory.recipients()) {
    if (r.role() != candour::v1::RECIPIENT_ROLE_GUARDIAN && r.role() != candour::v1::RECIPIENT_ROLE_RECOVERY) continue;
    if (std::find(opened.key_holders.begin(), opened.key_holders.end(), r.key_id()) != opened.key_holders.end()) {
      continue;
    }
    missing.push_back(r);
  }
  return missing;
}

absl::StatusOr<candour::v1::RewrapRequest> SealRewrap(const OpenedCase& opened, const crypto::RecipientKeys& keys,
                                                      const std::vector<candour::v1::Recipient>& recipients) {
  if (recipients.empty() || recipients.size() > kMaxRewrapRecipients) {
    return absl::InvalidArgumentError("a re-wrap gives the case key to 1 to 64 recipients");
  }
  candour::v1::RewrapRequest request;
  candour::v1::EntryContent content;
  for (const candour::v1::Recipient& r : recipients) {
    absl::StatusOr<std::string> sealed = crypto::SealCaseKey(opened.report->case_key, r.x25519_public_key());
    if (!sealed.ok()) return sealed.status();
    candour::v1::CaseKeyRecord* record = request.add_case_key_records();
    record->set_recipient_key_id(r.key_id());
    record->set_sealed_case_key(*std::move(sealed));
    content.mutable_rewrap()->add_recipient_key_ids(r.key_id());
  }
  // Key ids are no secret (they are in the directory), so no wipe here.
  absl::StatusOr<candour::v1::ThreadEntry> entry = SealNext(opened, keys, candour::v1::ENTRY_KIND_REWRAP, content);
  if (!entry.ok()) return entry.status();
  *request.mutable_entry() = *std::move(entry);
  return request;
}

}  // namespace candour::clients
