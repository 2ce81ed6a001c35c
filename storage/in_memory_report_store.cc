// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/in_memory_report_store.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "storage/unit_validation.h"

namespace candour::storage {
namespace {

constexpr char kReportIdReused[] = "report id already used with different content";
constexpr char kLookupHashReused[] = "receipt lookup hash already used by another report";

// Mirrors RocksDbReportStore: the received day and sealed tag are the server's
// and are not compared, and case keys only for the key ids in the retry.
bool MatchesStored(const NewReport& report, const StoredReport& stored,
                   const std::map<std::string, std::vector<CaseKeyRecord>>& case_keys,
                   const std::map<std::string, Receipt>& receipts) {
  if (stored.envelope != report.envelope) return false;
  const auto records = case_keys.find(report.report_id);
  for (const CaseKeyRecord& record : report.case_keys) {
    if (records == case_keys.end()) return false;
    bool found = false;
    for (const CaseKeyRecord& existing : records->second) found = found || existing == record;
    if (!found) return false;
  }
  const auto receipt = receipts.find(report.receipt_lookup_hash);
  return receipt != receipts.end() && receipt->second.report_id == report.report_id &&
         receipt->second.sealed_case_key == report.receipt_sealed_case_key;
}

}  // namespace

absl::StatusOr<CommitOutcome> InMemoryReportStore::Commit(const UnitOfWork& unit) {
  if (absl::Status s = ValidateUnit(unit); !s.ok()) return s;
  std::lock_guard<std::mutex> lock(mu_);
  // Check everything first so a failing unit changes nothing.
  std::vector<const NewReport*> to_write;
  size_t reports = 0;
  std::set<std::string_view> added_accounts;
  std::set<std::string_view> unit_reports;
  std::set<std::pair<std::string_view, uint32_t>> unit_entries;
  std::optional<uint64_t> latest;
  if (!directories_.empty()) latest = directories_.rbegin()->first;
  uint64_t audit_length = LastNumber(audit_);
  uint64_t ledger_length = LastNumber(ledger_);
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (std::holds_alternative<AuditRecord>(write) || std::holds_alternative<AuditCheckpointRecord>(write)) {
      if (absl::Status s = CheckAuditWrite(write, audit_length); !s.ok()) return s;
      continue;
    }
    if (const auto* ledger = std::get_if<LedgerRecord>(&write)) {
      if (absl::Status s = CheckLogAppend(ledger->sequence, ledger_length, "ledger"); !s.ok()) return s;
      ledger_length = ledger->sequence;
      continue;
    }
    if (const auto* r = std::get_if<NewReport>(&write)) {
      ++reports;
      unit_reports.insert(r->report_id);  // new or retried; if it fails below, so does the unit
      if (const auto stored = reports_.find(r->report_id); stored != reports_.end()) {
        if (!MatchesStored(*r, stored->second, case_keys_, receipts_)) return absl::AlreadyExistsError(kReportIdReused);
        continue;  // an identical retry writes nothing
      }
      if (receipts_.contains(r->receipt_lookup_hash)) return absl::AlreadyExistsError(kLookupHashReused);
      to_write.push_back(r);
      continue;
    }
    if (const auto* entry = std::get_if<UnitOfWork::NewThreadEntry>(&write)) {
      if (absl::Status s = CheckThreadEntry(*entry, unit_reports, unit_entries); !s.ok()) return s;
      continue;
    }
    if (const auto* keys = std::get_if<UnitOfWork::NewCaseKeys>(&write)) {
      if (absl::Status s = CheckCaseKeys(*keys, unit_reports); !s.ok()) return s;
      continue;
    }
    if (const auto* workflow = std::get_if<UnitOfWork::WorkflowRecord>(&write)) {
      // Mirrors RocksDbReportStore::Impl::BatchWorkflowRecord.
      if (!unit_reports.contains(workflow->report_id) && !reports_.contains(workflow->report_id)) {
        return absl::FailedPreconditionError("no report with this id for the workflow record");
      }
      continue;
    }
    const auto* directory = std::get_if<UnitOfWork::DirectoryVersion>(&write);
    if (directory == nullptr) {
      if (absl::Status s = CheckStaffWrite(write, added_accounts); !s.ok()) return s;
      continue;
    }
    if (latest.has_value() && directory->version <= *latest) {
      return absl::FailedPreconditionError("directory version is not above the latest stored version");
    }
    latest = directory->version;
  }
  if (reports > 0 && to_write.empty() && reports == unit.writes().size()) return CommitOutcome::kIdenticalRetry;

  for (const NewReport* r : to_write) {
    reports_[r->report_id] = StoredReport{r->report_id, r->received_day, r->envelope};
    std::vector<CaseKeyRecord>& records = case_keys_[r->report_id];
    records.insert(records.end(), r->case_keys.begin(), r->case_keys.end());
    receipts_[r->receipt_lookup_hash] = Receipt{r->report_id, r->receipt_sealed_case_key};
    arrivals_[{r->received_day, r->report_id}] = r->sealed_tag;
  }
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (const auto* directory = std::get_if<UnitOfWork::DirectoryVersion>(&write)) {
      directories_[directory->version] = directory->signed_directory;
    } else if (const auto* entry = std::get_if<UnitOfWork::NewThreadEntry>(&write)) {
      thread_[{entry->report_id, entry->entry.sequence}] = entry->entry.entry;
    } else if (const auto* keys = std::get_if<UnitOfWork::NewCaseKeys>(&write)) {
      std::vector<CaseKeyRecord>& records = case_keys_[keys->report_id];
      records.insert(records.end(), keys->records.begin(), keys->records.end());
    } else if (const auto* workflow = std::get_if<UnitOfWork::WorkflowRecord>(&write)) {
      workflow_[workflow->report_id] = workflow->record;
    } else if (std::holds_alternative<AuditRecord>(write) || std::holds_alternative<AuditCheckpointRecord>(write)) {
      ApplyAuditWrite(write);
    } else if (const auto* ledger = std::get_if<LedgerRecord>(&write)) {
      ledger_[ledger->sequence] = ledger->record;
    } else if (!std::holds_alternative<NewReport>(write)) {
      ApplyStaffWrite(write);
    }
  }
  return CommitOutcome::kApplied;
}

// Mirrors RocksDbReportStore::Impl::AddStaffWriteToBatch, check for check and
// code for code, so both stores reject the same units the same way.
absl::Status InMemoryReportStore::CheckStaffWrite(const UnitOfWork::Write& write,
                                                  std::set<std::string_view>& added_accounts) const {
  if (const auto* w = std::get_if<UnitOfWork::NewAccount>(&write)) {
    if (accounts_.contains(w->account.name)) {
      return absl::AlreadyExistsError("an account with this name already exists");
    }
    added_accounts.insert(w->account.name);
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedAccount>(&write)) {
    if (!accounts_.contains(w->account.name)) {
      return absl::FailedPreconditionError("no account with this name to update");
    }
  } else if (const auto* w = std::get_if<Invitation>(&write)) {
    if (invitations_.contains(w->code_hash)) {
      return absl::AlreadyExistsError("an invitation with this code hash already exists");
    }
  } else if (const auto* w = std::get_if<UnitOfWork::RedeemedInvitation>(&write)) {
    if (!invitations_.contains(w->code_hash)) {
      return absl::FailedPreconditionError("no invitation with this code hash to redeem");
    }
  } else if (const auto* w = std::get_if<UnitOfWork::NewSession>(&write)) {
    const std::string& account = w->session.account;
    if (!accounts_.contains(account) && !added_accounts.contains(account)) {
      return absl::FailedPreconditionError("no account with this name for the session");
    }
    if (sessions_.contains(w->session.token_hash)) {
      return absl::AlreadyExistsError("a session with this token hash already exists");
    }
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedSession>(&write)) {
    const auto stored = sessions_.find(w->session.token_hash);
    if (stored == sessions_.end()) return absl::FailedPreconditionError("no session with this token hash to update");
    if (stored->second.account != w->session.account) {
      return absl::FailedPreconditionError("the session belongs to another account");
    }
  }
  return absl::OkStatus();  // deleting sessions or invitations has no precondition
}

// Mirrors RocksDbReportStore::Impl::BatchNewThreadEntry, check for check.
absl::Status InMemoryReportStore::CheckThreadEntry(
    const UnitOfWork::NewThreadEntry& write, const std::set<std::string_view>& unit_reports,
    std::set<std::pair<std::string_view, uint32_t>>& unit_entries) const {
  if (!unit_reports.contains(write.report_id) && !reports_.contains(write.report_id)) {
    return absl::FailedPreconditionError("no report with this id for the thread entry");
  }
  const uint32_t sequence = write.entry.sequence;
  if (thread_.contains({write.report_id, sequence})) {
    return absl::AlreadyExistsError("a thread entry with this sequence already exists");
  }
  if (sequence > 1 && !unit_entries.contains({write.report_id, sequence - 1}) &&
      !thread_.contains({write.report_id, sequence - 1})) {
    return absl::FailedPreconditionError("the thread entry before this sequence is absent");
  }
  unit_entries.emplace(write.report_id, sequence);
  return absl::OkStatus();
}

// Mirrors RocksDbReportStore::Impl::BatchNewCaseKeys, check for check.
absl::Status InMemoryReportStore::CheckCaseKeys(const UnitOfWork::NewCaseKeys& write,
                                                const std::set<std::string_view>& unit_reports) const {
  if (!unit_reports.contains(write.report_id) && !reports_.contains(write.report_id)) {
    return absl::FailedPreconditionError("no report with this id for the case keys");
  }
  const auto stored = case_keys_.find(write.report_id);
  if (stored == case_keys_.end()) return absl::OkStatus();
  for (const CaseKeyRecord& record : write.records) {
    for (const CaseKeyRecord& existing : stored->second) {
      if (existing.recipient_key_id == record.recipient_key_id) {
        return absl::AlreadyExistsError("this recipient already holds a case-key record for the report");
      }
    }
  }
  return absl::OkStatus();
}

void InMemoryReportStore::ApplyStaffWrite(const UnitOfWork::Write& write) {
  if (const auto* w = std::get_if<UnitOfWork::NewAccount>(&write)) {
    accounts_[w->account.name] = w->account.record;
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedAccount>(&write)) {
    accounts_[w->account.name] = w->account.record;
  } else if (const auto* w = std::get_if<Invitation>(&write)) {
    invitations_[w->code_hash] = w->record;
  } else if (const auto* w = std::get_if<UnitOfWork::RedeemedInvitation>(&write)) {
    invitations_.erase(w->code_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::DeletedInvitation>(&write)) {
    invitations_.erase(w->code_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::NewSession>(&write)) {
    sessions_[w->session.token_hash] = w->session;
    account_sessions_.emplace(w->session.account, w->session.token_hash);
  } else if (const auto* w = std::get_if<UnitOfWork::ChangedSession>(&write)) {
    sessions_[w->session.token_hash].record = w->session.record;
  } else if (const auto* w = std::get_if<UnitOfWork::EndedSession>(&write)) {
    if (const auto it = sessions_.find(w->token_hash); it != sessions_.end()) {
      account_sessions_.erase({it->second.account, w->token_hash});
      sessions_.erase(it);
    }
  } else if (const auto* w = std::get_if<UnitOfWork::EndedSessionsOf>(&write)) {
    auto it = account_sessions_.lower_bound({w->account, std::string()});
    while (it != account_sessions_.end() && it->first == w->account) {
      sessions_.erase(it->second);
      it = account_sessions_.erase(it);
    }
  }
}

absl::StatusOr<StoredReport> InMemoryReportStore::GetReport(std::string_view report_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = reports_.find(std::string(report_id));
  if (it == reports_.end()) return absl::NotFoundError("no report with this id");
  return it->second;
}

absl::StatusOr<std::vector<CaseKeyRecord>> InMemoryReportStore::GetCaseKeys(std::string_view report_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string id(report_id);
  if (!reports_.contains(id)) return absl::NotFoundError("no report with this id");
  std::vector<CaseKeyRecord> records;
  if (const auto it = case_keys_.find(id); it != case_keys_.end()) records = it->second;
  std::sort(records.begin(), records.end(),
            [](const CaseKeyRecord& a, const CaseKeyRecord& b) { return a.recipient_key_id < b.recipient_key_id; });
  return records;
}

absl::StatusOr<Receipt> InMemoryReportStore::GetReceipt(std::string_view lookup_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = receipts_.find(std::string(lookup_hash));
  if (it == receipts_.end()) return absl::NotFoundError("no receipt with this lookup hash");
  return it->second;
}

absl::StatusOr<std::string> InMemoryReportStore::GetDirectory(uint64_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = directories_.find(version);
  if (it == directories_.end()) return absl::NotFoundError("no directory with this version");
  return it->second;
}

absl::StatusOr<std::optional<uint64_t>> InMemoryReportStore::LatestDirectoryVersion() {
  std::lock_guard<std::mutex> lock(mu_);
  if (directories_.empty()) return std::nullopt;
  return directories_.rbegin()->first;
}

absl::StatusOr<std::vector<ThreadEntryRecord>> InMemoryReportStore::GetThread(std::string_view report_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string id(report_id);
  if (!reports_.contains(id)) return absl::NotFoundError("no report with this id");
  std::vector<ThreadEntryRecord> entries;
  for (auto it = thread_.lower_bound({id, 0}); it != thread_.end() && it->first.first == id; ++it) {
    entries.push_back(ThreadEntryRecord{it->first.second, it->second});
  }
  return entries;
}

absl::StatusOr<std::optional<std::string>> InMemoryReportStore::GetWorkflow(std::string_view report_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string id(report_id);
  if (!reports_.contains(id)) return absl::NotFoundError("no report with this id");
  const auto it = workflow_.find(id);
  if (it == workflow_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<StaffAccount> InMemoryReportStore::GetAccount(std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = accounts_.find(std::string(name));
  if (it == accounts_.end()) return absl::NotFoundError("no account with this name");
  return StaffAccount{it->first, it->second};
}

absl::StatusOr<std::vector<StaffAccount>> InMemoryReportStore::ListAccounts() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<StaffAccount> accounts;
  for (const auto& [name, record] : accounts_) accounts.push_back(StaffAccount{name, record});
  return accounts;
}

absl::StatusOr<Invitation> InMemoryReportStore::GetInvitation(std::string_view code_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = invitations_.find(std::string(code_hash));
  if (it == invitations_.end()) return absl::NotFoundError("no invitation with this code hash");
  return Invitation{it->first, it->second};
}

absl::StatusOr<std::vector<Invitation>> InMemoryReportStore::ListInvitations() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Invitation> invitations;
  for (const auto& [code_hash, record] : invitations_) invitations.push_back(Invitation{code_hash, record});
  return invitations;
}

absl::StatusOr<StaffSession> InMemoryReportStore::GetSession(std::string_view token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = sessions_.find(std::string(token_hash));
  if (it == sessions_.end()) return absl::NotFoundError("no session with this token hash");
  return it->second;
}

absl::StatusOr<std::vector<StaffSession>> InMemoryReportStore::ListSessionsOf(std::string_view account) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<StaffSession> sessions;
  const std::string name(account);
  for (auto it = account_sessions_.lower_bound({name, std::string()});
       it != account_sessions_.end() && it->first == name; ++it) {
    sessions.push_back(sessions_.at(it->second));
  }
  return sessions;
}

absl::StatusOr<std::vector<StaffSession>> InMemoryReportStore::ListSessions() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<StaffSession> sessions;
  for (const auto& [token_hash, session] : sessions_) sessions.push_back(session);
  return sessions;
}

absl::Status InMemoryReportStore::ForEachArrival(
    int32_t first_day, int32_t last_day, const std::function<void(int32_t, std::string_view, std::string_view)>& fn) {
  // Copy under the lock and call back outside it, so `fn` may use the store.
  std::vector<std::pair<std::pair<int32_t, std::string>, std::string>> matches;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (last_day < first_day) return absl::OkStatus();
    for (auto it = arrivals_.lower_bound({first_day, std::string()});
         it != arrivals_.end() && it->first.first <= last_day; ++it) {
      matches.emplace_back(*it);
    }
  }
  for (const auto& [key, tag] : matches) fn(key.first, key.second, tag);
  return absl::OkStatus();
}

}  // namespace candour::storage
