// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// An in-memory ReportStore with the same semantics as the RocksDB one (the
// equivalent of leveldb's memenv), for fast unit tests of service logic.
// Nothing is durable. Thread-safe (one mutex).
#ifndef CANDOUR_STORAGE_IN_MEMORY_REPORT_STORE_H_
#define CANDOUR_STORAGE_IN_MEMORY_REPORT_STORE_H_

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/report_store.h"

namespace candour::storage {

class InMemoryReportStore : public ReportStore {
 public:
  absl::StatusOr<CommitOutcome> Commit(const UnitOfWork& unit) override;
  absl::StatusOr<StoredReport> GetReport(std::string_view report_id) override;
  absl::StatusOr<std::vector<CaseKeyRecord>> GetCaseKeys(std::string_view report_id) override;
  absl::StatusOr<Receipt> GetReceipt(std::string_view lookup_hash) override;
  absl::StatusOr<std::string> GetDirectory(uint64_t version) override;
  absl::StatusOr<std::optional<uint64_t>> LatestDirectoryVersion() override;
  absl::StatusOr<std::vector<ThreadEntryRecord>> GetThread(std::string_view report_id) override;
  absl::StatusOr<std::optional<std::string>> GetWorkflow(std::string_view report_id) override;
  absl::StatusOr<StaffAccount> GetAccount(std::string_view name) override;
  absl::StatusOr<std::vector<StaffAccount>> ListAccounts() override;
  absl::StatusOr<Invitation> GetInvitation(std::string_view code_hash) override;
  absl::StatusOr<std::vector<Invitation>> ListInvitations() override;
  absl::StatusOr<StaffSession> GetSession(std::string_view token_hash) override;
  absl::StatusOr<std::vector<StaffSession>> ListSessionsOf(std::string_view account) override;
  absl::StatusOr<std::vector<StaffSession>> ListSessions() override;
  absl::Status ForEachArrival(int32_t first_day, int32_t last_day,
                              const std::function<void(int32_t, std::string_view, std::string_view)>& fn) override;
  absl::StatusOr<std::vector<AuditRecord>> ReadAudit(uint64_t first, size_t max) override;
  absl::StatusOr<std::optional<AuditRecord>> LastAudit() override;
  absl::StatusOr<std::vector<AuditCheckpointRecord>> ListAuditCheckpoints() override;
  absl::StatusOr<std::optional<AuditCheckpointRecord>> LatestAuditCheckpoint() override;
  absl::StatusOr<std::vector<LedgerRecord>> ReadLedger(uint64_t first, size_t max) override;
  absl::StatusOr<std::optional<LedgerRecord>> LastLedger() override;

 private:
  // Checks a staff write's precondition against the maps and `added_accounts`
  // (accounts added earlier in the unit), which it extends. REQUIRES: mu_.
  absl::Status CheckStaffWrite(const UnitOfWork::Write& write, std::set<std::string_view>& added_accounts) const;
  // Applies a checked staff write. REQUIRES: mu_.
  void ApplyStaffWrite(const UnitOfWork::Write& write);
  // Checks a thread entry's precondition against the maps, `unit_reports`
  // (reports new or retried earlier in the unit) and `unit_entries` (entries
  // added earlier in it), which it extends. REQUIRES: mu_.
  absl::Status CheckThreadEntry(const UnitOfWork::NewThreadEntry& write, const std::set<std::string_view>& unit_reports,
                                std::set<std::pair<std::string_view, uint32_t>>& unit_entries) const;
  // Checks added case keys' precondition against the maps and `unit_reports`.
  // REQUIRES: mu_.
  absl::Status CheckCaseKeys(const UnitOfWork::NewCaseKeys& write,
                             const std::set<std::string_view>& unit_reports) const;

  // Checks an AuditRecord's or AuditCheckpointRecord's precondition against
  // the maps and `length` (the log's length with the unit's earlier entries),
  // which it extends. REQUIRES: mu_. (in_memory_report_store_audit.cc)
  absl::Status CheckAuditWrite(const UnitOfWork::Write& write, uint64_t& length) const;
  // Applies a checked audit write. REQUIRES: mu_.
  void ApplyAuditWrite(const UnitOfWork::Write& write);

  // The last sequence (or length) of an append-only log, 0 while it is empty.
  static uint64_t LastNumber(const std::map<uint64_t, std::string>& log) {
    return log.empty() ? 0 : log.rbegin()->first;
  }
  // Up to `max` records of an append-only log with number >= `first`, in
  // order, each made as Record{number, bytes}. REQUIRES: mu_.
  template <typename Record>
  static std::vector<Record> ReadLog(const std::map<uint64_t, std::string>& log, uint64_t first, size_t max) {
    std::vector<Record> records;
    for (auto it = log.lower_bound(first); it != log.end() && records.size() < max; ++it) {
      records.push_back(Record{it->first, it->second});
    }
    return records;
  }
  // The record of an append-only log with the highest number, or nullopt if
  // it is empty. REQUIRES: mu_.
  template <typename Record>
  static std::optional<Record> LastOf(const std::map<uint64_t, std::string>& log) {
    if (log.empty()) return std::nullopt;
    return Record{log.rbegin()->first, log.rbegin()->second};
  }

  std::mutex mu_;
  std::map<std::string, StoredReport> reports_;                      // by report id
  std::map<std::string, std::vector<CaseKeyRecord>> case_keys_;      // by report id
  std::map<std::string, Receipt> receipts_;                          // by lookup hash
  std::map<std::pair<int32_t, std::string>, std::string> arrivals_;  // -> sealed tag
  std::map<uint64_t, std::string> directories_;
  std::map<std::string, std::string> accounts_;                     // name -> record
  std::map<std::string, std::string> invitations_;                  // code hash -> record
  std::map<std::string, StaffSession> sessions_;                    // by token hash
  std::set<std::pair<std::string, std::string>> account_sessions_;  // (name, token hash)
  std::map<std::pair<std::string, uint32_t>, std::string> thread_;  // (report id, sequence) -> entry
  std::map<std::string, std::string> workflow_;                     // report id -> record
  std::map<uint64_t, std::string> audit_;                           // sequence -> entry
  std::map<uint64_t, std::string> audit_checkpoints_;               // length -> checkpoint
  std::map<uint64_t, std::string> ledger_;                          // sequence -> record
};

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_IN_MEMORY_REPORT_STORE_H_
