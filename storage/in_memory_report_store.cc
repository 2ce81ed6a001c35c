// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/in_memory_report_store.h"

#include <algorithm>
#include <optional>
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
  bool has_directory = false;
  std::optional<uint64_t> latest;
  if (!directories_.empty()) latest = directories_.rbegin()->first;
  for (const UnitOfWork::Write& write : unit.writes()) {
    if (const auto* r = std::get_if<NewReport>(&write)) {
      ++reports;
      if (const auto stored = reports_.find(r->report_id); stored != reports_.end()) {
        if (!MatchesStored(*r, stored->second, case_keys_, receipts_)) return absl::AlreadyExistsError(kReportIdReused);
        continue;  // an identical retry writes nothing
      }
      if (receipts_.contains(r->receipt_lookup_hash)) return absl::AlreadyExistsError(kLookupHashReused);
      to_write.push_back(r);
      continue;
    }
    const auto& directory = std::get<UnitOfWork::DirectoryVersion>(write);
    if (latest.has_value() && directory.version <= *latest) {
      return absl::FailedPreconditionError("directory version is not above the latest stored version");
    }
    latest = directory.version;
    has_directory = true;
  }
  if (reports > 0 && to_write.empty() && !has_directory) return CommitOutcome::kIdenticalRetry;

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
    }
  }
  return CommitOutcome::kApplied;
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
