// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case-thread entries (docs/PROTOCOL.md, "Case threads"). An entry's content
// is padded to a bucket and sealed with XChaCha20-Poly1305 under subkey
// kCaseSubkeyThreadBase + sequence of the view key or the staff key (by its
// kind; see ThreadKeys), with the entry's header as
// additional data; its author signs the header and the hash of the nonce and
// ciphertext with Ed25519; each entry names the hash of the one before, the
// first the hash of the report's envelope. The entry functions check field
// sizes first, so no hash or signature is ever computed over bytes that could
// be split into fields another way. Stateless and thread-safe.
#ifndef CANDOUR_CRYPTO_THREAD_ENTRY_H_
#define CANDOUR_CRYPTO_THREAD_ENTRY_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/thread.pb.h"
#include "crypto/case_key.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr uint32_t kMaxThreadEntries = 10000;
// Entries use the padding buckets 1024..32768 (docs/PROTOCOL.md, "Padding").
inline constexpr size_t kMaxEntryBucket = 32 * 1024;
// The largest text whose serialised EntryContent (tag, 3-byte length, text)
// and the 0x80 padding marker fit kMaxEntryBucket, with room to spare.
inline constexpr size_t kMaxEntryTextBytes = kMaxEntryBucket - 16;
inline constexpr size_t kEntrySignatureSize = 64;

// True for the kinds only Guardians can read (notes, assignments,
// classifications, links, re-wraps): sealed under the staff key.
bool IsStaffOnlyKind(candour::v1::EntryKind kind);

// The keys that seal a case's thread (docs/PROTOCOL.md, "Thread keys"): the
// view key (messages both ways and status changes) and the staff key (every
// staff-only kind), both subkeys of the case key. Guardians derive both; the
// reporter is given only the view key, through the receipt binding, and
// cannot derive the staff key from it. Move-only; wipes itself.
class ThreadKeys {
 public:
  static ThreadKeys FromCaseKey(const CaseKey& case_key);
  // The reporter's side. REQUIRES: 32 bytes (OpenCaseKey checks the size).
  static ThreadKeys FromViewKey(SecretKey<32> view_key);

  bool has_staff_key() const { return staff_.has_value(); }
  // The key for entries of `kind`, or nullptr for a staff-only kind without
  // the staff key.
  const SecretKey<32>* KeyFor(candour::v1::EntryKind kind) const;

 private:
  ThreadKeys(SecretKey<32> view, std::optional<SecretKey<32>> staff)
      : view_(std::move(view)), staff_(std::move(staff)) {}
  SecretKey<32> view_;
  std::optional<SecretKey<32>> staff_;
};

// H(kEnvelopeHashContext, EnvelopeAad(envelope, organisation_id) || nonce ||
// key_commitment || ciphertext): what the first entry chains to. 32 bytes.
// REQUIRES: the envelope's shape was checked (as the server does on submit)
// and organisation_id is the directory's 16-byte id.
std::string EnvelopeHash(const candour::v1::Envelope& envelope, std::string_view organisation_id);

// Checks every size and range docs/PROTOCOL.md gives for a stored entry:
// organisation id 1..255 bytes, report id 16, kind known and non-zero, author
// key id 16, sequence 1..kMaxThreadEntries, previous hash 32, quoted hash
// empty for reporter entries and 32 bytes for Guardians', nonce 24,
// ciphertext a bucket of at most kMaxEntryBucket plus 16, signature 64.
// INVALID_ARGUMENT naming the first field that is wrong.
absl::Status CheckEntryShape(const candour::v1::ThreadEntry& entry, std::string_view organisation_id);

// What the author signs (docs/PROTOCOL.md): the context, organisation id
// (length-prefixed), report id, kind, author key id, sequence, previous hash,
// quoted hash (32 zero bytes if empty) and H(nonce || ciphertext). Its prefix
// without that hash is the AEAD's additional data. Empty if the entry fails
// CheckEntryShape (the signature's size aside), so malformed fields are never
// signed or hashed as if they split another way.
std::string EntrySigningMessage(const candour::v1::ThreadEntry& entry, std::string_view organisation_id);

// H(kThreadEntryHashContext, EntrySigningMessage || signature): what the next
// entry chains to. 32 bytes, or empty if the entry fails CheckEntryShape; an
// empty hash equals no previous_hash or quoted_hash that passes the check.
std::string EntryHash(const candour::v1::ThreadEntry& entry, std::string_view organisation_id);

// The fields a new entry starts from; sealing fills author_key_id, nonce,
// ciphertext and signature.
struct EntryHeader {
  std::string report_id;  // 16 bytes
  uint32_t sequence = 0;  // 1..kMaxThreadEntries
  candour::v1::EntryKind kind = candour::v1::ENTRY_KIND_UNSPECIFIED;
  std::string previous_hash;  // 32 bytes: EntryHash before, or EnvelopeHash
  std::string quoted_hash;    // empty for reporter entries; 32 bytes for Guardians'
};

// Checks that `content` is what an entry of `kind` may hold: the body its
// kind names (text for messages and notes, and so on), every enum value known,
// sizes within docs/PROTOCOL.md's limits, text UTF-8, no unknown fields.
// INVALID_ARGUMENT naming what is wrong, never quoting content.
absl::Status CheckEntryContent(const candour::v1::EntryContent& content, candour::v1::EntryKind kind);

// Seals `content` and signs the entry with `author`. `author_key_id` is
// SigningKeyId(author.public_key) for a reporter entry (checked) and the
// Guardian's recipient key id for a Guardian entry (the directory binds it to
// the signing key; not checked here). The nonce is random.
// INVALID_ARGUMENT for a malformed header or key id, or content
// CheckEntryContent refuses; FAILED_PRECONDITION for a staff-only kind with
// keys that lack the staff key.
absl::StatusOr<candour::v1::ThreadEntry> SealEntry(const EntryHeader& header, const candour::v1::EntryContent& content,
                                                   const ThreadKeys& keys, const Ed25519KeyPair& author,
                                                   std::string_view author_key_id, std::string_view organisation_id);
// The deterministic core of SealEntry, for test vectors: as SealEntry with the
// given 24-byte nonce. Never reuse a nonce for real entries.
absl::StatusOr<candour::v1::ThreadEntry> SealEntryWithNonce(const EntryHeader& header,
                                                            const candour::v1::EntryContent& content,
                                                            const ThreadKeys& keys, const Ed25519KeyPair& author,
                                                            std::string_view author_key_id,
                                                            std::string_view organisation_id, std::string_view nonce);

// Checks the signature with `author_public_key` (32 bytes): a Guardian's
// directory key, or the reporter's follow-up key from the opened report. For
// a reporter entry, also that author_key_id is SigningKeyId of that key.
// Whether a Guardian's key id names that key is the caller's directory
// lookup. INVALID_ARGUMENT for malformed fields (CheckEntryShape) or key;
// UNAUTHENTICATED if the key id or the signature does not match.
absl::Status VerifyEntrySignature(const candour::v1::ThreadEntry& entry, std::string_view author_public_key,
                                  std::string_view organisation_id);

// Decrypts, unpads and parses, after the caller has verified the signature
// (this does not). FAILED_PRECONDITION for a staff-only entry and keys
// without the staff key (the reporter's side: not an error in the thread).
// DATA_LOSS if the entry is malformed, the ciphertext does not open under
// these keys and header, or the padding or content is malformed or not what
// the kind holds; messages never quote content. The content is returned in a
// protobuf message: wipe it (WipeMessage) when done.
absl::StatusOr<candour::v1::EntryContent> OpenEntry(const candour::v1::ThreadEntry& entry, const ThreadKeys& keys,
                                                    std::string_view organisation_id);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_THREAD_ENTRY_H_
