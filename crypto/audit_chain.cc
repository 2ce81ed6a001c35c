// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/audit_chain.h"

#include <sodium.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

constexpr size_t kMaxOrganisationIdSize = 255;  // its length is one byte
constexpr size_t kSignatureSize = 64;

absl::Status CheckCheckpointFields(std::string_view organisation_id, uint64_t length, std::string_view head_hash) {
  if (organisation_id.empty() || organisation_id.size() > kMaxOrganisationIdSize) {
    return absl::InvalidArgumentError("checkpoint organisation_id must be 1 to 255 bytes");
  }
  if (length == 0) return absl::InvalidArgumentError("checkpoint length must be at least 1");
  if (head_hash.size() != kHashSize) return absl::InvalidArgumentError("checkpoint head_hash must be 32 bytes");
  return absl::OkStatus();
}

}  // namespace

std::string NewAuditSalt() {
  std::string salt(kAuditSaltSize, '\0');
  randombytes_buf(salt.data(), salt.size());
  return salt;
}

std::string AuditGenesisHash() { return std::string(kHashSize, '\0'); }

std::string AuditBodyDigest(std::string_view body) { return DomainHash(kAuditBodyContext, body); }

std::string AuditLinkHash(uint64_t sequence, std::string_view previous_hash, std::string_view digest) {
  std::string message;
  AppendU64Le(message, sequence);
  message.append(previous_hash);
  message.append(digest);
  return DomainHash(kAuditEntryContext, message);
}

absl::StatusOr<candour::v1::AuditEntry> ParseAuditEntry(std::string_view body) {
  candour::v1::AuditEntry entry;
  if (!entry.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return absl::DataLossError("audit entry does not parse");
  }
  if (entry.previous_hash().size() != kHashSize) return absl::DataLossError("audit previous_hash is not 32 bytes");
  if (entry.salt().size() != kAuditSaltSize) return absl::DataLossError("audit salt is not 16 bytes");
  if (entry.actor().size() > kMaxAuditActorSize) return absl::DataLossError("audit actor is above 64 bytes");
  if (entry.object().size() > kMaxAuditObjectSize) return absl::DataLossError("audit object is above 128 bytes");
  return entry;
}

absl::StatusOr<std::string> AuditEntryHash(std::string_view body) {
  absl::StatusOr<candour::v1::AuditEntry> entry = ParseAuditEntry(body);
  if (!entry.ok()) return entry.status();
  return AuditLinkHash(entry->sequence(), entry->previous_hash(), AuditBodyDigest(body));
}

std::string AuditCheckpointMessage(std::string_view organisation_id, uint64_t length, std::string_view head_hash,
                                   int64_t signed_at) {
  if (organisation_id.empty() || organisation_id.size() > kMaxOrganisationIdSize || head_hash.size() != kHashSize) {
    return "";
  }
  std::string message(kAuditCheckpointContext);
  message.push_back('\0');
  message.push_back(static_cast<char>(organisation_id.size()));
  message.append(organisation_id);
  AppendU64Le(message, length);
  message.append(head_hash);
  AppendU64Le(message, static_cast<uint64_t>(signed_at));  // i64le: two's complement
  return message;
}

absl::StatusOr<candour::v1::AuditCheckpoint> SignAuditCheckpoint(const Ed25519KeyPair& admin,
                                                                 std::string_view organisation_id, uint64_t length,
                                                                 std::string_view head_hash, int64_t signed_at) {
  if (absl::Status s = CheckCheckpointFields(organisation_id, length, head_hash); !s.ok()) return s;
  candour::v1::AuditCheckpoint checkpoint;
  checkpoint.set_organisation_id(std::string(organisation_id));
  checkpoint.set_length(length);
  checkpoint.set_head_hash(std::string(head_hash));
  checkpoint.set_signed_at(signed_at);
  checkpoint.set_admin_key_id(SigningKeyId(admin.public_key));
  checkpoint.set_signature(Sign(admin, AuditCheckpointMessage(organisation_id, length, head_hash, signed_at)));
  return checkpoint;
}

absl::StatusOr<std::string> VerifyAuditCheckpoint(const candour::v1::AuditCheckpoint& c,
                                                  const candour::v1::Directory& directory) {
  if (absl::Status s = CheckCheckpointFields(c.organisation_id(), c.length(), c.head_hash()); !s.ok()) return s;
  if (c.admin_key_id().size() != kKeyIdSize)
    return absl::InvalidArgumentError("checkpoint admin_key_id must be 16 bytes");
  if (c.signature().size() != kSignatureSize)
    return absl::InvalidArgumentError("checkpoint signature must be 64 bytes");
  if (c.organisation_id() != directory.organisation_id()) {
    return absl::UnauthenticatedError("the checkpoint is for another organisation");
  }
  for (const candour::v1::AdminKey& admin : directory.admins()) {
    if (admin.key_id() != c.admin_key_id()) continue;
    const std::string message = AuditCheckpointMessage(c.organisation_id(), c.length(), c.head_hash(), c.signed_at());
    if (!VerifySignature(admin.ed25519_public_key(), message, c.signature())) {
      return absl::UnauthenticatedError("the checkpoint's signature does not verify with its admin key");
    }
    return admin.display_name();
  }
  return absl::UnauthenticatedError("the checkpoint's admin key is not in the directory");
}

AuditChainVerifier::AuditChainVerifier() : head_(AuditGenesisHash()) {}

AuditChainVerifier::AuditChainVerifier(uint64_t length, std::string hash) : length_(length), head_(std::move(hash)) {}

void AuditChainVerifier::ExpectHashAt(uint64_t length, std::string hash, std::string what) {
  if (length <= length_) return;
  anchors_[length] = Anchor{std::move(hash), std::move(what)};
}

absl::Status AuditChainVerifier::Add(uint64_t key_sequence, std::string_view body) {
  const uint64_t expected = length_ + 1;
  if (key_sequence < expected) {
    return absl::DataLossError(absl::StrCat("entry ", key_sequence, " comes after entry ", length_, ": out of order"));
  }
  if (key_sequence > expected) {
    return absl::DataLossError(absl::StrCat("entry ", expected, " is missing: the log goes from entry ", length_,
                                            " to entry ", key_sequence, " (removed)"));
  }
  absl::StatusOr<candour::v1::AuditEntry> entry = ParseAuditEntry(body);
  if (!entry.ok()) {
    return absl::DataLossError(absl::StrCat("entry ", expected, " was changed: ", entry.status().message()));
  }
  if (entry->sequence() != expected) {
    return absl::DataLossError(
        absl::StrCat("entry ", expected, " holds entry ", entry->sequence(), ": entries were reordered or moved"));
  }
  if (entry->previous_hash() != head_) {
    if (expected == 1) return absl::DataLossError("entry 1 does not start the chain: it was changed or replaced");
    return absl::DataLossError(absl::StrCat("entry ", expected, " does not chain to entry ", length_, ": entry ",
                                            length_, " (or ", expected, ") was changed or replaced"));
  }
  return Advance(AuditLinkHash(expected, head_, AuditBodyDigest(body)));
}

absl::Status AuditChainVerifier::AddDigest(std::string_view digest) {
  if (digest.size() != kHashSize) {
    return absl::DataLossError(absl::StrCat("the digest of entry ", length_ + 1, " is not 32 bytes"));
  }
  return Advance(AuditLinkHash(length_ + 1, head_, digest));
}

absl::Status AuditChainVerifier::Advance(std::string hash) {
  ++length_;
  head_ = std::move(hash);
  auto anchor = anchors_.find(length_);
  if (anchor == anchors_.end() || anchor->second.hash == head_) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat("entry ", length_, " differs from ", anchor->second.what,
                                          ": the log was changed at or before entry ", length_));
}

absl::Status AuditChainVerifier::Finish() const {
  auto beyond = anchors_.upper_bound(length_);
  if (beyond == anchors_.end()) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat("the log ends at entry ", length_, " but ", beyond->second.what, " covers ",
                                          beyond->first, " entries: entries ", length_ + 1, " to ", beyond->first,
                                          " were cut from the end"));
}

}  // namespace candour::crypto
