// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The on-disk layout of the report store, in one place: column-family names,
// key and value encodings, and the schema version. Pure byte functions with no
// RocksDB types, so the layout can be read and tested without a database.
// Every integer in a key is big-endian so that byte order is numeric order.
//
//   CF "default"    unused (RocksDB requires it)
//   CF "meta"       "schema_version"                  -> "1"
//   CF "reports"    report_id(16)                     -> u32 BE received_day || envelope
//   CF "case_keys"  report_id(16) || recipient_key_id(16) -> sealed case key
//   CF "receipts"   lookup_hash(32)                   -> report_id(16) || sealed case key
//   CF "arrivals"   u32 BE received_day || report_id(16) -> sealed tag
//   CF "directory"  u64 BE version                    -> serialised SignedDirectory
//   CF "accounts"   name                              -> account record
//   CF "invitations" code_hash(32)                    -> invitation record
//   CF "sessions"   token_hash(32)                    -> u8 name length || name || session record
//   CF "account_sessions" name || 0x00 || token_hash(32) -> "" (empty)
//   CF "thread"     report_id(16) || u32 BE sequence  -> thread entry
//   CF "workflow"   report_id(16)                     -> workflow record
//   CF "audit"      u64 BE sequence                   -> audit entry
//   CF "audit_checkpoints" u64 BE length              -> signed checkpoint
//   CF "ledger"     u64 BE sequence                   -> ledger record
//
// Days are non-negative (days since 1970-01-01), so u32 holds them. Account
// names are 1..64 bytes of [a-z0-9._-] (storage/report_store.h): never 0x00,
// so "name || 0x00" is a prefix of exactly one account's account_sessions
// keys, and never longer than a u8 can count. Every session has one
// "sessions" and one "account_sessions" entry, written and deleted together.
// A report's thread entries are its "thread" keys, in sequence order, with
// sequences 1..n and no gaps; so are the audit log and the insights ledger,
// whose entries (1..n each) are not per report: each is one log for the
// server. A report's "case_keys" are those it was submitted with and any
// added later (turnover), one per recipient. A report has at most one
// workflow record, and only once the report exists. Records and entries are
// opaque, non-empty bytes owned by the services layer. Stateless and
// thread-safe.
#ifndef CANDOUR_STORAGE_SCHEMA_H_
#define CANDOUR_STORAGE_SCHEMA_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace candour::storage::schema {

// Bumped whenever any encoding below changes; Open refuses other versions.
// The four staff families, "thread", "workflow", the two audit families and
// "ledger" were added without a bump: no existing encoding changed, Open
// creates missing families in an older data dir, and an older build refuses
// a newer dir because it does not know the new families.
inline constexpr std::string_view kSchemaVersion = "1";
inline constexpr std::string_view kSchemaVersionKey = "schema_version";

inline constexpr std::string_view kDefaultCf = "default";
inline constexpr std::string_view kMetaCf = "meta";
inline constexpr std::string_view kReportsCf = "reports";
inline constexpr std::string_view kCaseKeysCf = "case_keys";
inline constexpr std::string_view kReceiptsCf = "receipts";
inline constexpr std::string_view kArrivalsCf = "arrivals";
inline constexpr std::string_view kDirectoryCf = "directory";
inline constexpr std::string_view kAccountsCf = "accounts";
inline constexpr std::string_view kInvitationsCf = "invitations";
inline constexpr std::string_view kSessionsCf = "sessions";
inline constexpr std::string_view kAccountSessionsCf = "account_sessions";
inline constexpr std::string_view kThreadCf = "thread";
inline constexpr std::string_view kWorkflowCf = "workflow";
inline constexpr std::string_view kAuditCf = "audit";
inline constexpr std::string_view kAuditCheckpointsCf = "audit_checkpoints";
inline constexpr std::string_view kLedgerCf = "ledger";

// Every column family, in the order the store opens them ("default" first).
// New families are appended, so each older layout is a prefix of this list.
inline constexpr std::array<std::string_view, 16> kAllColumnFamilies = {
    kDefaultCf,   kMetaCf,     kReportsCf,          kCaseKeysCf, kReceiptsCf,        kArrivalsCf,
    kDirectoryCf, kAccountsCf, kInvitationsCf,      kSessionsCf, kAccountSessionsCf, kThreadCf,
    kWorkflowCf,  kAuditCf,    kAuditCheckpointsCf, kLedgerCf};

// "reports": the value is the received day followed by the envelope.
std::string EncodeReportValue(int32_t received_day, std::string_view envelope);
struct ReportValue {
  int32_t received_day;
  std::string_view envelope;  // points into the decoded value
};
// DATA_LOSS if `value` is too short to hold the day.
absl::StatusOr<ReportValue> DecodeReportValue(std::string_view value);

// "case_keys": the key; CaseKeyPrefix(id) is a prefix of every key of report id.
std::string CaseKeyKey(std::string_view report_id, std::string_view recipient_key_id);
inline std::string_view CaseKeyPrefix(std::string_view report_id) { return report_id; }
// The recipient key id of a case_keys key. DATA_LOSS if it has the wrong size.
absl::StatusOr<std::string_view> RecipientKeyIdOf(std::string_view case_key_key);

// "receipts": the value is the report id followed by the sealed case key.
std::string EncodeReceiptValue(std::string_view report_id, std::string_view sealed_case_key);
struct ReceiptValue {
  std::string_view report_id;
  std::string_view sealed_case_key;
};
// DATA_LOSS if `value` is shorter than a report id.
absl::StatusOr<ReceiptValue> DecodeReceiptValue(std::string_view value);

// "arrivals": the key is the day followed by the report id.
std::string ArrivalKey(int32_t day, std::string_view report_id);
// The smallest key of `day`; every arrival of `day` sorts at or after it.
std::string ArrivalDayPrefix(int32_t day);
struct ArrivalKeyParts {
  int32_t day;
  std::string_view report_id;
};
// DATA_LOSS if `key` is not 4 + 16 bytes.
absl::StatusOr<ArrivalKeyParts> DecodeArrivalKey(std::string_view key);

// "directory": the key is the version.
std::string DirectoryKey(uint64_t version);
// DATA_LOSS if `key` is not 8 bytes.
absl::StatusOr<uint64_t> DecodeDirectoryKey(std::string_view key);

// "audit" and "audit_checkpoints": the key is the sequence, or the length a
// checkpoint covers.
std::string AuditKey(uint64_t sequence);
// DATA_LOSS if `key` is not 8 bytes.
absl::StatusOr<uint64_t> DecodeAuditKey(std::string_view key);

// "ledger": the key is the sequence.
std::string LedgerKey(uint64_t sequence);
// DATA_LOSS if `key` is not 8 bytes.
absl::StatusOr<uint64_t> DecodeLedgerKey(std::string_view key);

// "sessions": the value is the owning account's name, length-prefixed, then
// the record. REQUIRES: `account` is at most 255 bytes.
std::string EncodeSessionValue(std::string_view account, std::string_view record);
struct SessionValue {
  std::string_view account;  // points into the decoded value
  std::string_view record;
};
// DATA_LOSS if `value` is empty, names an empty account, or is shorter than
// its name length says.
absl::StatusOr<SessionValue> DecodeSessionValue(std::string_view value);

// "account_sessions": the key is the name, 0x00, then the token hash. Every
// key of `account` is at or after AccountSessionPrefix(account) and before
// AccountSessionUpperBound(account), and no other account's key is.
// REQUIRES: `account` contains no 0x00.
std::string AccountSessionKey(std::string_view account, std::string_view token_hash);
std::string AccountSessionPrefix(std::string_view account);
std::string AccountSessionUpperBound(std::string_view account);
struct AccountSessionKeyParts {
  std::string_view account;  // points into the decoded key
  std::string_view token_hash;
};
// DATA_LOSS unless `key` is a non-empty name without 0x00, a 0x00, and a
// token hash of kSecretHashSize bytes.
absl::StatusOr<AccountSessionKeyParts> DecodeAccountSessionKey(std::string_view key);

// "thread": the key is the report id followed by the sequence. Every key of
// a report's thread starts with ThreadPrefix(report_id) and sorts before
// ThreadUpperBound(report_id), which is nullopt when no such bound exists (an
// id of all 0xff bytes; a scan must then stop at the first key without the
// prefix).
std::string ThreadEntryKey(std::string_view report_id, uint32_t sequence);
inline std::string_view ThreadPrefix(std::string_view report_id) { return report_id; }
std::optional<std::string> ThreadUpperBound(std::string_view report_id);
struct ThreadEntryKeyParts {
  std::string_view report_id;  // points into the decoded key
  uint32_t sequence;
};
// DATA_LOSS if `key` is not kReportIdSize + 4 bytes.
absl::StatusOr<ThreadEntryKeyParts> DecodeThreadEntryKey(std::string_view key);

}  // namespace candour::storage::schema

#endif  // CANDOUR_STORAGE_SCHEMA_H_
