// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Every domain-separation string of the protocol, in one place. Changing one
// changes the wire format: it needs a version bump and new vectors in
// docs/PROTOCOL.md.
#ifndef CANDOUR_CRYPTO_CONTEXTS_H_
#define CANDOUR_CRYPTO_CONTEXTS_H_

#include <cstdint>
#include <string_view>

namespace candour::crypto {

// Hash / signature contexts: H(ctx, m) = BLAKE2b(ctx || 0x00 || m).
inline constexpr std::string_view kDirectorySignatureContext = "candour.v1/directory";
inline constexpr std::string_view kDirectoryHashContext = "candour.v1/directory-hash";
inline constexpr std::string_view kFingerprintContext = "candour.v1/organisation-fingerprint";
inline constexpr std::string_view kRecipientKeyIdContext = "candour.v1/recipient-key-id";
inline constexpr std::string_view kSigningKeyIdContext = "candour.v1/signing-key-id";
inline constexpr std::string_view kReportAadContext = "candour.v1/report";
inline constexpr std::string_view kSealedTagHashContext = "candour.v1/sealed-tag";
inline constexpr std::string_view kKeyCommitmentContext = "candour.v1/key-commitment";
inline constexpr std::string_view kReceiptLookupContext = "candour.v1/receipt-lookup";
inline constexpr std::string_view kKeyFileAadContext = "candour.v1/key-file";
inline constexpr std::string_view kSessionTokenContext = "candour.v1/session-token";
inline constexpr std::string_view kInvitationCodeContext = "candour.v1/invitation-code";
// Case threads: what entry 1 chains to, the prefix of an entry's signed
// message and AEAD additional data, the hash of its nonce and ciphertext, and
// the hash later entries chain to.
inline constexpr std::string_view kEnvelopeHashContext = "candour.v1/envelope-hash";
inline constexpr std::string_view kThreadEntryContext = "candour.v1/thread-entry";
inline constexpr std::string_view kThreadCiphertextContext = "candour.v1/thread-ciphertext";
inline constexpr std::string_view kThreadEntryHashContext = "candour.v1/thread-entry-hash";
inline constexpr std::string_view kLinkMarkContext = "candour.v1/link-mark";
// The audit trail: the digest of a stored entry's bytes, the hash that
// chains entries, and the prefix of a checkpoint's signed message.
inline constexpr std::string_view kAuditBodyContext = "candour.v1/audit-body";
inline constexpr std::string_view kAuditEntryContext = "candour.v1/audit-entry";
inline constexpr std::string_view kAuditCheckpointContext = "candour.v1/audit-checkpoint";
// The insights ledger: the prefix of an entry's signed message, the hash
// that chains entries, and the commitment to a released column.
inline constexpr std::string_view kLedgerSignatureContext = "candour.v1/ledger";
inline constexpr std::string_view kLedgerEntryHashContext = "candour.v1/ledger-entry";
inline constexpr std::string_view kReleaseColumnContext = "candour.v1/release-column";
// Keyed BLAKE2b context (key = the server's secret) for account salts, which
// the server answers for every name and requires when an account is made
// (named for its first use, the salts of names with no account).
inline constexpr std::string_view kUnknownAccountSaltContext = "candour.v1/unknown-account-salt";
// The key of the keyed BLAKE2b that turns a receipt code into its master key
// (25 bytes, within BLAKE2b's 16..64-byte key range).
inline constexpr std::string_view kReceiptMasterKey = "candour.v1/receipt-master";

// crypto_kdf contexts: exactly 8 characters.
inline constexpr char kCaseKdfContext[] = "CandCase";
inline constexpr char kReceiptKdfContext[] = "CandRcpt";
inline constexpr char kAccountKdfContext[] = "CandAcct";

// crypto_kdf subkey ids under the case key: the report content, and the two
// thread keys (docs/PROTOCOL.md, "Thread keys"). Case-thread entry n is
// sealed under kCaseSubkeyThreadBase + n (n = 1..kMaxThreadEntries) of the
// view key or the staff key, by its kind.
inline constexpr uint64_t kCaseSubkeyReportContent = 1;
inline constexpr uint64_t kCaseSubkeyView = 2;
inline constexpr uint64_t kCaseSubkeyStaff = 3;
inline constexpr uint64_t kCaseSubkeyThreadBase = uint64_t{1} << 32;

// crypto_kdf subkey ids under the receipt master key.
inline constexpr uint64_t kReceiptSubkeyLookup = 1;
inline constexpr uint64_t kReceiptSubkeyBoxSeed = 2;
inline constexpr uint64_t kReceiptSubkeySignSeed = 3;

// crypto_kdf subkey ids under a staff account's Argon2id seed.
inline constexpr uint64_t kAccountSubkeyAuth = 1;
inline constexpr uint64_t kAccountSubkeyWrap = 2;

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_CONTEXTS_H_
