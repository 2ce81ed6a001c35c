// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights ledger's crypto (docs/PROTOCOL.md §20): entry signatures by
// the directory's release key, the hash that chains entries, and the salted
// commitments a release header makes to each released column.
//   signature  = Ed25519(release key, "candour.v1/ledger" || 0x00 || entry)
//   entry hash = H("candour.v1/ledger-entry", entry)
//   commitment = H("candour.v1/release-column", salt (32) || u8(table) ||
//                  u32le(column) || u32le(n) || n x i64le(cell))
// The salt keeps a role that sees the header but not a column from testing
// guesses of its small cells against the commitment. Stateless, thread-safe.
#ifndef CANDOUR_CRYPTO_LEDGER_H_
#define CANDOUR_CRYPTO_LEDGER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr size_t kColumnSaltSize = 32;
inline constexpr size_t kMaxLedgerEntrySize = 1024 * 1024;

// 32 zero bytes: what entry 1 names as its previous hash.
std::string LedgerGenesisHash();
// H("candour.v1/ledger-entry", entry): 32 bytes, over the signed bytes as stored.
std::string LedgerEntryHash(std::string_view entry);

// Signs serialised LedgerEntry bytes with the release key.
candour::v1::SignedLedgerEntry SignLedgerEntry(std::string entry, const Ed25519KeyPair& release_key);

// Checks the signature over the exact bytes before parsing them, then parses.
// INVALID_ARGUMENT for an empty entry or a key not of 32 bytes;
// RESOURCE_EXHAUSTED for an entry over 1 MiB;
// UNAUTHENTICATED if the signature does not verify; DATA_LOSS if the signed
// bytes do not parse, carry fields this version does not know, or have a
// previous hash not of 32 bytes.
absl::StatusOr<candour::v1::LedgerEntry> VerifyLedgerEntry(const candour::v1::SignedLedgerEntry& signed_entry,
                                                           std::string_view release_public_key);

// A new random salt for a column.
std::string NewColumnSalt();
// The commitment to `column`. INVALID_ARGUMENT if its salt is not 32 bytes.
absl::StatusOr<std::string> ColumnCommitment(const candour::v1::ReleasedColumn& column);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_LEDGER_H_
