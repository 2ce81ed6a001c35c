// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The audit log's hash chain and checkpoints (docs/PROTOCOL.md §19). Each
// stored entry (a serialised AuditEntry, hashed exactly as stored) has
//   digest = H("candour.v1/audit-body", body)
//   hash   = H("candour.v1/audit-entry", u64le(sequence) || previous_hash || digest)
// and names the hash of the entry before it (32 zero bytes for entry 1). An
// administrator signs a checkpoint, the log's length and head hash, with an
// AdminKey of the signed directory. AuditChainVerifier walks a log and names
// the first entry that was changed, removed, reordered or cut off. Stateless
// functions are thread-safe; an AuditChainVerifier is thread-compatible.
#ifndef CANDOUR_CRYPTO_AUDIT_CHAIN_H_
#define CANDOUR_CRYPTO_AUDIT_CHAIN_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "candour/v1/audit.pb.h"
#include "candour/v1/directory.pb.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr size_t kAuditSaltSize = 16;
inline constexpr size_t kMaxAuditActorSize = 64;
inline constexpr size_t kMaxAuditObjectSize = 128;

// kAuditSaltSize random bytes for a new entry's salt.
std::string NewAuditSalt();
// 32 zero bytes: what entry 1 names as its previous hash.
std::string AuditGenesisHash();
// H("candour.v1/audit-body", body): 32 bytes.
std::string AuditBodyDigest(std::string_view body);
// H("candour.v1/audit-entry", u64le(sequence) || previous_hash || digest): 32
// bytes. REQUIRES: previous_hash and digest are 32 bytes each.
std::string AuditLinkHash(uint64_t sequence, std::string_view previous_hash, std::string_view digest);

// Parses a stored entry. DATA_LOSS if it does not parse, or its
// previous_hash is not 32 bytes, its salt not 16, its actor above 64 bytes
// or its object above 128.
absl::StatusOr<candour::v1::AuditEntry> ParseAuditEntry(std::string_view body);
// The hash of a stored entry: AuditLinkHash over its own sequence and
// previous_hash and the digest of `body`. As ParseAuditEntry for errors.
absl::StatusOr<std::string> AuditEntryHash(std::string_view body);

// The signed message:
//   "candour.v1/audit-checkpoint" || 0x00 || u8(|organisation_id|) ||
//   organisation_id || u64le(length) || head_hash (32) || i64le(signed_at)
// Empty if organisation_id is not 1..255 bytes or head_hash not 32.
std::string AuditCheckpointMessage(std::string_view organisation_id, uint64_t length, std::string_view head_hash,
                                   int64_t signed_at);
// Signs with an administrator's key; admin_key_id is SigningKeyId of it.
// INVALID_ARGUMENT for a malformed organisation id, head hash or length 0.
absl::StatusOr<candour::v1::AuditCheckpoint> SignAuditCheckpoint(const Ed25519KeyPair& admin,
                                                                 std::string_view organisation_id, uint64_t length,
                                                                 std::string_view head_hash, int64_t signed_at);
// Checks a checkpoint against a verified directory: its organisation id, an
// AdminKey with its admin_key_id, and the signature. INVALID_ARGUMENT for
// malformed fields; UNAUTHENTICATED for another organisation, a key the
// directory does not list, or a signature that does not verify. Returns the
// admin's display name.
absl::StatusOr<std::string> VerifyAuditCheckpoint(const candour::v1::AuditCheckpoint& checkpoint,
                                                  const candour::v1::Directory& directory);

// Walks a log from its start (or from a known point) and reports the first
// problem, as DATA_LOSS naming the entry and what happened to it:
//   changed:   a body that does not parse, or the next entry not chaining to it;
//   removed:   a sequence missing from the keys;
//   reordered: an entry stored under another entry's sequence;
//   cut off:   an anchor (a checkpoint, a remembered head) beyond the end, or
//              an anchor whose hash differs from the log's at its length.
// Feed records in key order; stop at the first error.
class AuditChainVerifier {
 public:
  // Starts before entry 1.
  AuditChainVerifier();
  // Starts after entry `length`, whose hash is `hash`, as known from an
  // anchor the caller trusts (a verified checkpoint, a remembered head).
  AuditChainVerifier(uint64_t length, std::string hash);

  // The log must have hash `hash` at `length`; `what` names the anchor in
  // messages ("the checkpoint signed by Ada"). An anchor at or below the
  // starting point is ignored (the caller checked it).
  void ExpectHashAt(uint64_t length, std::string hash, std::string what);

  // The stored entry under key `key_sequence`.
  absl::Status Add(uint64_t key_sequence, std::string_view body);
  // The next entry known by its digest alone (what staff clients see).
  absl::Status AddDigest(std::string_view digest);
  // After the last entry: DATA_LOSS if an anchor lies beyond the end.
  absl::Status Finish() const;

  uint64_t length() const { return length_; }
  // The hash of entry length() (the genesis hash before entry 1).
  const std::string& head() const { return head_; }

 private:
  // Moves to entry length_ + 1 with this previous hash check done; checks
  // the anchor there.
  absl::Status Advance(std::string hash);

  struct Anchor {
    std::string hash;
    std::string what;
  };
  uint64_t length_ = 0;
  std::string head_;
  std::map<uint64_t, Anchor> anchors_;
};

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_AUDIT_CHAIN_H_
