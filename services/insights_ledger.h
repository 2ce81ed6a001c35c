// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights ledger as candourd has stored it (docs/PROTOCOL.md §20),
// read whole and parsed: every entry was verified when it was published, so
// here it is only found again. A ledger holds a few entries a year (a plan,
// four quarters, a year), so reading it whole per call costs nothing worth
// caching, and a cache would be one more thing to keep in step with commits.
#ifndef CANDOUR_SERVICES_INSIGHTS_LEDGER_H_
#define CANDOUR_SERVICES_INSIGHTS_LEDGER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "candour/v1/records.pb.h"
#include "storage/report_store.h"

namespace candour::services {

struct StoredEntry {
  uint64_t sequence = 0;
  std::string hash;                    // crypto::LedgerEntryHash of the signed bytes
  candour::v1::LedgerEntry entry;      // parsed from stored.entry().entry()
  candour::v1::StoredLedgerEntry stored;
};

class LedgerView {
 public:
  // Reads and parses every stored entry. DATA_LOSS if one does not parse or
  // is stored under another sequence than it names.
  static absl::StatusOr<LedgerView> Read(storage::ReportStore& store);

  const std::vector<StoredEntry>& entries() const { return entries_; }
  uint64_t length() const { return entries_.size(); }
  // What the next entry must name as its previous hash.
  std::string head_hash() const;

  // The newest plan of `year` ("2026-27") stored before `sequence`, or
  // nullptr.
  const StoredEntry* PlanOf(std::string_view year, uint64_t before_sequence = UINT64_MAX) const;
  // The release of `period`, or nullptr.
  const StoredEntry* ReleaseOf(std::string_view period) const;

 private:
  std::vector<StoredEntry> entries_;  // entry i has sequence i + 1
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INSIGHTS_LEDGER_H_
