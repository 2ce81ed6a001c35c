// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/ledger.h"

#include <sodium.h>

#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

std::string SignedMessage(std::string_view entry) { return ContextMessage(kLedgerSignatureContext, entry); }

void AppendLe(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

}  // namespace

std::string LedgerGenesisHash() { return std::string(kHashSize, '\0'); }

std::string LedgerEntryHash(std::string_view entry) { return DomainHash(kLedgerEntryHashContext, entry); }

candour::v1::SignedLedgerEntry SignLedgerEntry(std::string entry, const Ed25519KeyPair& release_key) {
  candour::v1::SignedLedgerEntry signed_entry;
  signed_entry.set_signature(Sign(release_key, SignedMessage(entry)));
  signed_entry.set_entry(std::move(entry));
  return signed_entry;
}

absl::StatusOr<candour::v1::LedgerEntry> VerifyLedgerEntry(const candour::v1::SignedLedgerEntry& signed_entry,
                                                           std::string_view release_public_key) {
  if (signed_entry.entry().empty()) return absl::InvalidArgumentError("ledger entry is empty");
  if (signed_entry.entry().size() > kMaxLedgerEntrySize) {
    return absl::ResourceExhaustedError("ledger entry is over 1 MiB");
  }
  if (release_public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("release key must be 32 bytes");
  }
  if (!VerifySignature(release_public_key, SignedMessage(signed_entry.entry()), signed_entry.signature())) {
    return absl::UnauthenticatedError("ledger entry is not signed by the directory's release key");
  }
  candour::v1::LedgerEntry entry;
  if (!entry.ParseFromString(signed_entry.entry())) return absl::DataLossError("signed ledger entry does not parse");
  // A signed entry with fields we cannot read could say something we would
  // then ignore; an old client must refuse it rather than half-read it.
  if (!entry.GetReflection()->GetUnknownFields(entry).empty()) {
    return absl::DataLossError("ledger entry has fields this version does not know");
  }
  if (entry.previous_hash().size() != kHashSize) return absl::DataLossError("ledger entry's previous hash is not 32 bytes");
  return entry;
}

std::string NewColumnSalt() {
  std::string salt(kColumnSaltSize, '\0');
  randombytes_buf(salt.data(), salt.size());
  return salt;
}

absl::StatusOr<std::string> ColumnCommitment(const candour::v1::ReleasedColumn& column) {
  if (column.salt().size() != kColumnSaltSize) return absl::InvalidArgumentError("column salt must be 32 bytes");
  std::string message = column.salt();
  AppendLe(message, static_cast<uint64_t>(column.table()) & 0xFF, 1);
  AppendLe(message, column.column(), 4);
  AppendLe(message, static_cast<uint64_t>(column.cells_size()), 4);
  for (int64_t cell : column.cells()) AppendLe(message, static_cast<uint64_t>(cell), 8);
  return DomainHash(kReleaseColumnContext, message);
}

}  // namespace candour::crypto
