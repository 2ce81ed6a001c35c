// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// ReportStore: everything candourd keeps, in domain words. Storage holds
// opaque bytes (ciphertext, sealed records, signed directories) and knows
// nothing of their crypto. All writes go through Commit(UnitOfWork), which
// applies a unit atomically and durably (one WriteBatch, synced WAL) after
// checking each write's precondition; later issues add write kinds to
// UnitOfWork rather than new write paths. Implementations are thread-safe.
#ifndef CANDOUR_STORAGE_REPORT_STORE_H_
#define CANDOUR_STORAGE_REPORT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace candour::storage {

inline constexpr size_t kReportIdSize = 16;
inline constexpr size_t kRecipientKeyIdSize = 16;
inline constexpr size_t kLookupHashSize = 32;
// Hashes of session tokens and invitation codes (never the secrets themselves).
inline constexpr size_t kSecretHashSize = 32;
// Staff account names: 1..64 bytes of [a-z0-9._-], already normalised.
inline constexpr size_t kMaxAccountNameSize = 64;
// A case thread's sequences run 1..kMaxThreadEntries.
inline constexpr uint32_t kMaxThreadEntries = 10000;

struct CaseKeyRecord {
  std::string recipient_key_id;  // 16 bytes
  std::string sealed_case_key;   // opaque, 80 bytes in v1
  bool operator==(const CaseKeyRecord&) const = default;
};

// A report as submitted: the envelope and what travels with it.
struct NewReport {
  std::string report_id;                 // 16 bytes, chosen by the client
  int32_t received_day = 0;              // London day the server received it
  std::string envelope;                  // serialised candour.v1.Envelope
  std::string sealed_tag;                // also indexed by arrival day
  std::vector<CaseKeyRecord> case_keys;  // one per original recipient (AddCaseKeys adds more)
  std::string receipt_lookup_hash;       // 32 bytes
  std::string receipt_sealed_case_key;   // opaque
};

struct StoredReport {
  std::string report_id;
  int32_t received_day = 0;
  std::string envelope;
};

struct Receipt {
  std::string report_id;
  std::string sealed_case_key;
};

// One entry of a case thread, opaque here (a serialised candour.v1.ThreadEntry).
struct ThreadEntryRecord {
  uint32_t sequence = 0;  // 1, 2, ... in thread order
  std::string entry;      // non-empty
  bool operator==(const ThreadEntryRecord&) const = default;
};

// One entry of the audit log, opaque here (a serialised candour.v1.AuditEntry).
struct AuditRecord {
  uint64_t sequence = 0;  // 1, 2, ... in log order
  std::string entry;      // non-empty
  bool operator==(const AuditRecord&) const = default;
};

// A signed checkpoint of the audit log (a serialised candour.v1.AuditCheckpoint,
// opaque here), stored under the number of entries it covers.
struct AuditCheckpointRecord {
  uint64_t length = 0;     // 1.. : the checkpoint covers entries 1..length
  std::string checkpoint;  // non-empty
  bool operator==(const AuditCheckpointRecord&) const = default;
};

// One entry of the insights ledger, opaque here (the services layer stores a
// signed ledger entry with its released columns).
struct LedgerRecord {
  uint64_t sequence = 0;  // 1, 2, ... in ledger order
  std::string record;     // non-empty
  bool operator==(const LedgerRecord&) const = default;
};

// A staff account. The record is opaque here: the services layer owns its
// format (roles, salt, password hash, wrapped keys, disabled flag).
struct StaffAccount {
  std::string name;    // normalised, see kMaxAccountNameSize
  std::string record;  // opaque, non-empty
  bool operator==(const StaffAccount&) const = default;
};

// A sign-in session, stored under the hash of its token. `record` is opaque
// (expiry times); `account` names the account it belongs to.
struct StaffSession {
  std::string token_hash;  // kSecretHashSize bytes
  std::string account;
  std::string record;      // opaque, non-empty
  bool operator==(const StaffSession&) const = default;
};

// An invitation to create a staff account, stored under the hash of its code.
struct Invitation {
  std::string code_hash;  // kSecretHashSize bytes
  std::string record;     // opaque, non-empty
  bool operator==(const Invitation&) const = default;
};

// Writes that land together. Each kind documents its precondition, which
// Commit checks before writing anything.
class UnitOfWork {
 public:
  // Precondition: no report with this id, or one with identical envelope,
  // case keys and receipt (then the unit is an idempotent retry and writes
  // nothing for it); and no other report with this receipt lookup hash.
  void AddReport(NewReport report) { writes_.emplace_back(std::move(report)); }

  struct DirectoryVersion {
    uint64_t version;
    std::string signed_directory;  // serialised candour.v1.SignedDirectory
  };
  // Precondition: `version` is higher than every stored version.
  void AddDirectory(uint64_t version, std::string signed_directory) {
    writes_.emplace_back(DirectoryVersion{version, std::move(signed_directory)});
  }

  // Precondition: no account with this name.
  void AddAccount(StaffAccount account) { writes_.emplace_back(NewAccount{std::move(account)}); }
  // Precondition: an account with this name exists.
  void UpdateAccount(StaffAccount account) { writes_.emplace_back(ChangedAccount{std::move(account)}); }

  // Precondition: no invitation with this code hash.
  void AddInvitation(Invitation invitation) { writes_.emplace_back(std::move(invitation)); }
  // Precondition: an invitation with this code hash exists. Deletes it, so an
  // invitation redeemed in the same unit as its account is used exactly once.
  void RedeemInvitation(std::string code_hash) { writes_.emplace_back(RedeemedInvitation{std::move(code_hash)}); }
  // No precondition: deleting an absent invitation is not an error (an expiry
  // sweep or a disabled inviter racing the invitation's redemption).
  void DeleteInvitation(std::string code_hash) { writes_.emplace_back(DeletedInvitation{std::move(code_hash)}); }

  // Precondition: no session with this token hash, and the account exists.
  void AddSession(StaffSession session) { writes_.emplace_back(NewSession{std::move(session)}); }
  // Precondition: a session with this token hash exists and belongs to the
  // same account. Replaces its record (an idle-timeout refresh).
  void UpdateSession(StaffSession session) { writes_.emplace_back(ChangedSession{std::move(session)}); }
  // No precondition: deleting an absent session is not an error (sign-out twice).
  void DeleteSession(std::string token_hash) { writes_.emplace_back(EndedSession{std::move(token_hash)}); }
  // No precondition: deletes every session of the account (sign-out
  // everywhere, a disabled account).
  void DeleteSessionsOf(std::string account) { writes_.emplace_back(EndedSessionsOf{std::move(account)}); }

  // Precondition: the report exists; no entry has this sequence; sequence is
  // 1 or the entry before it exists. Threads have at most kMaxThreadEntries
  // entries. A report added earlier in the same unit counts as existing, and
  // so do entries added earlier in it (a report with its first entries).
  void AddThreadEntry(std::string report_id, ThreadEntryRecord entry) {
    writes_.emplace_back(NewThreadEntry{std::move(report_id), std::move(entry)});
  }

  // Precondition: the report exists (a report added earlier in the same unit
  // counts) and none of `records`' recipients holds a case-key record for it
  // yet: the records of recipients given the case key after the report was
  // made (turnover). Records are never replaced: a recipient's sealed key
  // is what it opened the case with. 1..n records, each recipient once; a
  // unit writes one recipient's record of a report at most once, counting
  // the records of an AddReport of that report in the same unit.
  void AddCaseKeys(std::string report_id, std::vector<CaseKeyRecord> records) {
    writes_.emplace_back(NewCaseKeys{std::move(report_id), std::move(records)});
  }

  // Precondition: the report exists (a report added earlier in the same unit
  // counts). Replaces the report's workflow record, if any: the services
  // layer's coarse case state in clear (status, assignee, due days), opaque
  // here. Storage compares nothing, so a read-check-write of the record is
  // last-writer-wins on its own; pair it with the thread entry that records
  // the change, whose sequence precondition makes a concurrent change of the
  // same case fail instead of interleaving.
  void PutWorkflow(std::string report_id, std::string record) {
    writes_.emplace_back(WorkflowRecord{std::move(report_id), std::move(record)});
  }

  // Precondition: `record.sequence` is one more than the log's last entry (1
  // for an empty log); entries appended earlier in the same unit count. So
  // the log stays 1..n without gaps, and an action and its audit entry land
  // in one WriteBatch.
  void AppendAudit(AuditRecord record) { writes_.emplace_back(std::move(record)); }
  // Precondition: the audit entry `record.length` exists (stored, or appended
  // earlier in the unit), and no checkpoint for that length is stored.
  void AddAuditCheckpoint(AuditCheckpointRecord record) { writes_.emplace_back(std::move(record)); }

  // Precondition: `record.sequence` is one more than the ledger's last entry
  // (1 for an empty ledger); entries appended earlier in the same unit
  // count. As AppendAudit, so a release and its audit entry land in one
  // WriteBatch, and of two publishers racing for one sequence one fails.
  void AppendLedger(LedgerRecord record) { writes_.emplace_back(std::move(record)); }

  struct NewCaseKeys { std::string report_id; std::vector<CaseKeyRecord> records; };
  struct NewThreadEntry { std::string report_id; ThreadEntryRecord entry; };
  struct WorkflowRecord { std::string report_id; std::string record; };
  struct NewAccount { StaffAccount account; };
  struct ChangedAccount { StaffAccount account; };
  struct RedeemedInvitation { std::string code_hash; };
  struct DeletedInvitation { std::string code_hash; };
  struct NewSession { StaffSession session; };
  struct ChangedSession { StaffSession session; };
  struct EndedSession { std::string token_hash; };
  struct EndedSessionsOf { std::string account; };

  using Write = std::variant<NewReport, DirectoryVersion, NewCaseKeys, NewThreadEntry, WorkflowRecord, NewAccount,
                             ChangedAccount, Invitation, RedeemedInvitation, DeletedInvitation, NewSession,
                             ChangedSession, EndedSession, EndedSessionsOf, AuditRecord, AuditCheckpointRecord,
                             LedgerRecord>;
  const std::vector<Write>& writes() const { return writes_; }
  bool empty() const { return writes_.empty(); }

 private:
  std::vector<Write> writes_;
};

enum class CommitOutcome {
  kApplied,          // everything was written
  kIdenticalRetry,   // every report in the unit was already stored identically
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Applies `unit` atomically and durably, or not at all. Returns
  //   ALREADY_EXISTS: a report id reused with other bytes, or a lookup hash
  //     held by another report;
  //   FAILED_PRECONDITION: a directory version not above the latest; an
  //     account, invitation or session to update or redeem that is absent
  //     (or a session update naming another account); a thread entry whose
  //     report is absent, or whose sequence is above 1 while the entry
  //     before it is absent (a gap); a workflow record or case-key records
  //     whose report is absent; an audit entry more than one past the log's
  //     last (a gap); a checkpoint of a length the log does not reach; a
  //     ledger entry more than one past the ledger's last (a gap);
  //   ALREADY_EXISTS (also): an account name, invitation or session token
  //     hash already present; a thread entry sequence already present; a
  //     case-key record for a recipient that already holds one; an audit
  //     entry sequence at or below the log's last; a checkpoint length
  //     already checkpointed; a ledger entry sequence at or below the
  //     ledger's last;
  //   INVALID_ARGUMENT: a malformed unit (wrong-size ids or hashes, a negative
  //     day, a key id twice in one report, one id or lookup hash twice, an
  //     account name outside kMaxAccountNameSize / [a-z0-9._-], an empty
  //     record, one account, invitation or session written twice; a thread
  //     entry sequence outside 1..kMaxThreadEntries, an empty entry, one
  //     (report id, sequence) twice; one report's workflow record twice;
  //     AddCaseKeys with no records, an empty sealed key, or one (report id,
  //     recipient key id) twice in the unit, its AddReport included; an
  //     audit sequence or checkpoint length of 0, an empty audit entry or
  //     checkpoint, one audit sequence or one checkpoint length twice; a
  //     ledger sequence of 0, an empty ledger record, one ledger sequence
  //     twice);
  //   UNAVAILABLE / INTERNAL / DATA_LOSS: storage failed (nothing applied).
  virtual absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit) = 0;

  // NOT_FOUND if absent.
  virtual absl::StatusOr<StoredReport> GetReport(std::string_view report_id) = 0;
  // Every case-key record of a report, ordered by recipient key id. NOT_FOUND
  // if the report does not exist.
  virtual absl::StatusOr<std::vector<CaseKeyRecord>> GetCaseKeys(std::string_view report_id) = 0;
  // NOT_FOUND if no report has this lookup hash.
  virtual absl::StatusOr<Receipt> GetReceipt(std::string_view lookup_hash) = 0;

  // NOT_FOUND if that version was never stored.
  virtual absl::StatusOr<std::string> GetDirectory(uint64_t version) = 0;
  // The highest stored version, or nullopt before the first publish.
  virtual absl::StatusOr<std::optional<uint64_t>> LatestDirectoryVersion() = 0;

  // Every entry of a report's thread in sequence order (empty if none yet).
  // NOT_FOUND if the report does not exist.
  virtual absl::StatusOr<std::vector<ThreadEntryRecord>> GetThread(std::string_view report_id) = 0;

  // The report's workflow record, or nullopt if none was written yet.
  // NOT_FOUND if the report does not exist.
  virtual absl::StatusOr<std::optional<std::string>> GetWorkflow(std::string_view report_id) = 0;

  // NOT_FOUND if absent.
  virtual absl::StatusOr<StaffAccount> GetAccount(std::string_view name) = 0;
  // Every account, ordered by name.
  virtual absl::StatusOr<std::vector<StaffAccount>> ListAccounts() = 0;
  // NOT_FOUND if absent.
  virtual absl::StatusOr<Invitation> GetInvitation(std::string_view code_hash) = 0;
  // Every invitation, ordered by code hash: for the expiry sweep and for
  // disabling an inviter. There are few, as the sweep removes expired ones.
  virtual absl::StatusOr<std::vector<Invitation>> ListInvitations() = 0;
  // NOT_FOUND if absent.
  virtual absl::StatusOr<StaffSession> GetSession(std::string_view token_hash) = 0;
  // Every session of an account, ordered by token hash.
  virtual absl::StatusOr<std::vector<StaffSession>> ListSessionsOf(std::string_view account) = 0;
  // Every session, ordered by token hash (for the expiry sweep).
  virtual absl::StatusOr<std::vector<StaffSession>> ListSessions() = 0;

  // Up to `max` audit entries with sequence >= `first`, in sequence order,
  // exactly as stored: the store does not check that they are contiguous or
  // that an entry's bytes agree with its sequence, so a verifier can say
  // precisely what is wrong with a log altered underneath the store.
  virtual absl::StatusOr<std::vector<AuditRecord>> ReadAudit(uint64_t first, size_t max) = 0;
  // The entry with the highest sequence, or nullopt while the log is empty.
  virtual absl::StatusOr<std::optional<AuditRecord>> LastAudit() = 0;
  // Every stored checkpoint, ordered by length.
  virtual absl::StatusOr<std::vector<AuditCheckpointRecord>> ListAuditCheckpoints() = 0;
  // The checkpoint with the highest length, or nullopt if there is none.
  virtual absl::StatusOr<std::optional<AuditCheckpointRecord>> LatestAuditCheckpoint() = 0;

  // Up to `max` ledger entries with sequence >= `first`, in sequence order,
  // exactly as stored (as ReadAudit: gaps and bytes are the verifier's to
  // judge).
  virtual absl::StatusOr<std::vector<LedgerRecord>> ReadLedger(uint64_t first, size_t max) = 0;
  // The entry with the highest sequence, or nullopt while the ledger is empty.
  virtual absl::StatusOr<std::optional<LedgerRecord>> LastLedger() = 0;

  // Calls `fn` with the sealed tag of every report received on a day in
  // [first_day, last_day], in (day, report id) order. Also the way to list
  // report ids by day: a tag is 64 bytes stored beside its key, so skipping
  // it would save no reads.
  virtual absl::Status ForEachArrival(int32_t first_day, int32_t last_day,
                                      const std::function<void(int32_t day, std::string_view report_id,
                                                               std::string_view sealed_tag)>& fn) = 0;
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_REPORT_STORE_H_
