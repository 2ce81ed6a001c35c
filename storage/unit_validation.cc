// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/unit_validation.h"

#include <set>
#include <string_view>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"

namespace candour::storage {
namespace {

absl::Status ValidateReport(const NewReport& report) {
  if (report.report_id.size() != kReportIdSize) {
    return absl::InvalidArgumentError(absl::StrCat("report_id must be ", kReportIdSize, " bytes"));
  }
  if (report.receipt_lookup_hash.size() != kLookupHashSize) {
    return absl::InvalidArgumentError(absl::StrCat("receipt_lookup_hash must be ", kLookupHashSize, " bytes"));
  }
  // Days are stored as u32 (storage/schema.h), so they cannot be negative.
  if (report.received_day < 0) return absl::InvalidArgumentError("received_day must not be negative");
  std::set<std::string_view> key_ids;
  for (const CaseKeyRecord& record : report.case_keys) {
    if (record.recipient_key_id.size() != kRecipientKeyIdSize) {
      return absl::InvalidArgumentError(absl::StrCat("recipient_key_id must be ", kRecipientKeyIdSize, " bytes"));
    }
    if (!key_ids.insert(record.recipient_key_id).second) {
      return absl::InvalidArgumentError("recipient_key_id appears twice in one report");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCaseKeys(const UnitOfWork::NewCaseKeys& write) {
  if (write.report_id.size() != kReportIdSize) {
    return absl::InvalidArgumentError(absl::StrCat("case keys report_id must be ", kReportIdSize, " bytes"));
  }
  if (write.records.empty()) return absl::InvalidArgumentError("case keys must hold at least one record");
  for (const CaseKeyRecord& record : write.records) {
    if (record.recipient_key_id.size() != kRecipientKeyIdSize) {
      return absl::InvalidArgumentError(absl::StrCat("recipient_key_id must be ", kRecipientKeyIdSize, " bytes"));
    }
    if (record.sealed_case_key.empty()) return absl::InvalidArgumentError("sealed_case_key must not be empty");
  }
  return absl::OkStatus();
}

// One write per (report id, recipient key id) in a unit, whether by AddReport
// or AddCaseKeys, so a store checks "no record yet" against stored data alone.
absl::Status CheckCaseKeysOnce(std::set<std::pair<std::string_view, std::string_view>>& seen,
                               std::string_view report_id, const std::vector<CaseKeyRecord>& records) {
  for (const CaseKeyRecord& record : records) {
    if (!seen.emplace(report_id, record.recipient_key_id).second) {
      return absl::InvalidArgumentError("a recipient's case-key record is written twice in one unit of work");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateThreadEntry(const UnitOfWork::NewThreadEntry& write) {
  if (write.report_id.size() != kReportIdSize) {
    return absl::InvalidArgumentError(absl::StrCat("thread entry report_id must be ", kReportIdSize, " bytes"));
  }
  if (write.entry.sequence == 0 || write.entry.sequence > kMaxThreadEntries) {
    return absl::InvalidArgumentError(absl::StrCat("thread entry sequence must be 1..", kMaxThreadEntries));
  }
  if (write.entry.entry.empty()) return absl::InvalidArgumentError("thread entry must not be empty");
  return absl::OkStatus();
}

absl::Status ValidateWorkflow(const UnitOfWork::WorkflowRecord& write) {
  if (write.report_id.size() != kReportIdSize) {
    return absl::InvalidArgumentError(absl::StrCat("workflow report_id must be ", kReportIdSize, " bytes"));
  }
  if (write.record.empty()) return absl::InvalidArgumentError("workflow record must not be empty");
  return absl::OkStatus();
}

absl::Status CheckName(std::string_view name) {
  if (IsValidAccountName(name)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("account name must be 1..", kMaxAccountNameSize, " bytes of [a-z0-9._-]"));
}

absl::Status CheckHash(std::string_view hash, const char* field) {
  if (hash.size() == kSecretHashSize) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " must be ", kSecretHashSize, " bytes"));
}

absl::Status CheckRecord(std::string_view record, const char* what) {
  if (!record.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " record must not be empty"));
}

absl::Status CheckOnce(std::set<std::string_view>& seen, std::string_view key, const char* what) {
  if (seen.insert(key).second) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " is written twice in one unit of work"));
}

// Shape checks for the staff writes, one call per write, then Finish. Each
// account, invitation and session may be targeted by one write per unit, so
// a store checks every precondition against stored data alone (plus accounts
// added earlier in the unit) and no result depends on how two writes to one
// key are ordered. DeleteSessionsOf(name) targets every session of `name`,
// so it excludes AddSession and UpdateSession of `name` in the same unit;
// DeleteSession(token) with DeleteSessionsOf of its account is allowed
// (both delete, so order cannot matter), and the unit cannot know that
// account without reading.
class StaffWriteChecker {
 public:
  absl::Status operator()(const NewReport&) { return absl::OkStatus(); }  // see ValidateReport
  absl::Status operator()(const UnitOfWork::DirectoryVersion&) { return absl::OkStatus(); }
  absl::Status operator()(const UnitOfWork::NewCaseKeys&) { return absl::OkStatus(); }     // ValidateCaseKeys
  absl::Status operator()(const UnitOfWork::NewThreadEntry&) { return absl::OkStatus(); }  // ValidateThreadEntry
  absl::Status operator()(const UnitOfWork::WorkflowRecord&) { return absl::OkStatus(); }  // ValidateWorkflow
  absl::Status operator()(const AuditRecord&) { return absl::OkStatus(); }                 // LogChecker
  absl::Status operator()(const AuditCheckpointRecord&) { return absl::OkStatus(); }       // LogChecker
  absl::Status operator()(const LedgerRecord&) { return absl::OkStatus(); }                // LogChecker
  absl::Status operator()(const UnitOfWork::NewAccount& w) { return Account(w.account); }
  absl::Status operator()(const UnitOfWork::ChangedAccount& w) { return Account(w.account); }
  absl::Status operator()(const Invitation& w) {
    if (absl::Status s = CheckRecord(w.record, "invitation"); !s.ok()) return s;
    return Code(w.code_hash);
  }
  absl::Status operator()(const UnitOfWork::RedeemedInvitation& w) { return Code(w.code_hash); }
  absl::Status operator()(const UnitOfWork::DeletedInvitation& w) { return Code(w.code_hash); }
  absl::Status operator()(const UnitOfWork::NewSession& w) { return Session(w.session); }
  absl::Status operator()(const UnitOfWork::ChangedSession& w) { return Session(w.session); }
  absl::Status operator()(const UnitOfWork::EndedSession& w) { return Token(w.token_hash); }
  absl::Status operator()(const UnitOfWork::EndedSessionsOf& w) {
    if (absl::Status s = CheckName(w.account); !s.ok()) return s;
    return CheckOnce(ended_accounts_, w.account, "the sessions of one account");
  }

  absl::Status Finish() const {
    for (std::string_view account : session_accounts_) {
      if (ended_accounts_.contains(account)) {
        return absl::InvalidArgumentError("a unit of work that deletes an account's sessions also writes one");
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Account(const StaffAccount& account) {
    if (absl::Status s = CheckName(account.name); !s.ok()) return s;
    if (absl::Status s = CheckRecord(account.record, "account"); !s.ok()) return s;
    return CheckOnce(accounts_, account.name, "one account");
  }
  absl::Status Code(std::string_view code_hash) {
    if (absl::Status s = CheckHash(code_hash, "code_hash"); !s.ok()) return s;
    return CheckOnce(codes_, code_hash, "one invitation");
  }
  absl::Status Token(std::string_view token_hash) {
    if (absl::Status s = CheckHash(token_hash, "token_hash"); !s.ok()) return s;
    return CheckOnce(tokens_, token_hash, "one session");
  }
  absl::Status Session(const StaffSession& session) {
    if (absl::Status s = CheckName(session.account); !s.ok()) return s;
    if (absl::Status s = CheckRecord(session.record, "session"); !s.ok()) return s;
    session_accounts_.insert(session.account);
    return Token(session.token_hash);
  }

  std::set<std::string_view> accounts_;          // AddAccount, UpdateAccount
  std::set<std::string_view> codes_;             // AddInvitation, RedeemInvitation, DeleteInvitation
  std::set<std::string_view> tokens_;            // AddSession, UpdateSession, DeleteSession
  std::set<std::string_view> ended_accounts_;    // DeleteSessionsOf
  std::set<std::string_view> session_accounts_;  // accounts of AddSession, UpdateSession
};

// One append to a log: a sequence from 1, non-empty bytes, and one write
// per sequence in a unit. `what` names the write ("audit entry").
absl::Status CheckLogEntry(std::set<uint64_t>& sequences, uint64_t sequence, std::string_view bytes, const char* what) {
  if (sequence == 0) return absl::InvalidArgumentError(absl::StrCat(what, " sequence must be at least 1"));
  if (bytes.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " must not be empty"));
  if (!sequences.insert(sequence).second) {
    return absl::InvalidArgumentError(absl::StrCat(what, " sequence appears twice in one unit of work"));
  }
  return absl::OkStatus();
}

// Shape checks for the writes to the append-only logs: audit entries,
// checkpoints and ledger entries. One write per audit sequence, checkpoint
// length and ledger sequence, so a store checks "next in sequence" and "not
// yet checkpointed" against stored data and earlier writes of the unit alone.
class LogChecker {
 public:
  absl::Status Check(const UnitOfWork::Write& write) {
    if (const auto* record = std::get_if<AuditRecord>(&write)) {
      return CheckLogEntry(audit_sequences_, record->sequence, record->entry, "audit entry");
    }
    if (const auto* record = std::get_if<LedgerRecord>(&write)) {
      return CheckLogEntry(ledger_sequences_, record->sequence, record->record, "ledger record");
    }
    if (const auto* checkpoint = std::get_if<AuditCheckpointRecord>(&write)) {
      if (checkpoint->length == 0) return absl::InvalidArgumentError("checkpoint length must be at least 1");
      if (checkpoint->checkpoint.empty()) return absl::InvalidArgumentError("checkpoint must not be empty");
      if (!lengths_.insert(checkpoint->length).second) {
        return absl::InvalidArgumentError("checkpoint length appears twice in one unit of work");
      }
    }
    return absl::OkStatus();
  }

 private:
  std::set<uint64_t> audit_sequences_;
  std::set<uint64_t> lengths_;
  std::set<uint64_t> ledger_sequences_;
};

}  // namespace

absl::Status CheckLogAppend(uint64_t sequence, uint64_t length, const char* log) {
  if (sequence <= length) {
    return absl::AlreadyExistsError(absl::StrCat("the ", log, " already holds an entry with this sequence"));
  }
  if (sequence != length + 1) {
    return absl::FailedPreconditionError(absl::StrCat("the ", log, " lacks the entry before this sequence"));
  }
  return absl::OkStatus();
}

bool IsValidAccountName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAccountNameSize) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

absl::Status ValidateUnit(const UnitOfWork& unit) {
  std::set<std::string_view> report_ids;
  std::set<std::string_view> lookup_hashes;
  // One write per (report id, sequence), so a store checks "no entry has
  // this sequence" against stored data and earlier entries of the unit alone.
  std::set<std::pair<std::string_view, uint32_t>> thread_entries;
  // One workflow record per report, so which of two writes wins never
  // depends on the order a store applies them in.
  std::set<std::string_view> workflow_reports;
  std::set<std::pair<std::string_view, std::string_view>> case_key_records;
  StaffWriteChecker staff;
  LogChecker logs;
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (absl::Status s = std::visit(staff, write); !s.ok()) return s;
    if (absl::Status s = logs.Check(write); !s.ok()) return s;
    if (const auto* entry = std::get_if<UnitOfWork::NewThreadEntry>(&write)) {
      if (absl::Status s = ValidateThreadEntry(*entry); !s.ok()) return s;
      if (!thread_entries.emplace(entry->report_id, entry->entry.sequence).second) {
        return absl::InvalidArgumentError("thread entry (report_id, sequence) appears twice in one unit of work");
      }
      continue;
    }
    if (const auto* workflow = std::get_if<UnitOfWork::WorkflowRecord>(&write)) {
      if (absl::Status s = ValidateWorkflow(*workflow); !s.ok()) return s;
      if (!workflow_reports.insert(workflow->report_id).second) {
        return absl::InvalidArgumentError("a report's workflow record is written twice in one unit of work");
      }
      continue;
    }
    if (const auto* keys = std::get_if<UnitOfWork::NewCaseKeys>(&write)) {
      if (absl::Status s = ValidateCaseKeys(*keys); !s.ok()) return s;
      if (absl::Status s = CheckCaseKeysOnce(case_key_records, keys->report_id, keys->records); !s.ok()) return s;
      continue;
    }
    const auto* report = std::get_if<NewReport>(&write);
    if (report == nullptr) continue;
    if (absl::Status s = ValidateReport(*report); !s.ok()) return s;
    if (!report_ids.insert(report->report_id).second) {
      return absl::InvalidArgumentError("report_id appears twice in one unit of work");
    }
    if (!lookup_hashes.insert(report->receipt_lookup_hash).second) {
      return absl::InvalidArgumentError("receipt_lookup_hash appears twice in one unit of work");
    }
    if (absl::Status s = CheckCaseKeysOnce(case_key_records, report->report_id, report->case_keys); !s.ok()) return s;
  }
  return staff.Finish();
}

}  // namespace candour::storage
