// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A client's check of the insights ledger the server serves (docs/PROTOCOL.md
// §20). Every entry must be signed by the release key of the directory
// version it names (that directory verified against the pin), be of this
// organisation, and chain to the one before; and the ledger must still hold
// the newest entry this client saw (remembered per organisation in
// `ledger-heads` beside the state file, in the case-heads format with the
// organisation id as the key), so the server cannot hide a
// release to have its period drawn again with fresh noise. Not thread-safe
// (one CLI process).
#ifndef CANDOUR_CLIENTS_LEDGER_TRUST_H_
#define CANDOUR_CLIENTS_LEDGER_TRUST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"
#include "candour/v1/insights.pb.h"
#include "core/budget_ledger.h"
#include "core/period.h"

namespace candour::clients {

struct VerifiedLedgerEntry {
  uint64_t sequence = 0;
  std::string hash;  // crypto::LedgerEntryHash of the signed bytes
  candour::v1::LedgerEntry entry;
  candour::v1::SignedLedgerEntry signed_entry;
};

class VerifiedLedger {
 public:
  explicit VerifiedLedger(std::vector<VerifiedLedgerEntry> entries) : entries_(std::move(entries)) {}
  const std::vector<VerifiedLedgerEntry>& entries() const { return entries_; }
  uint64_t length() const { return entries_.size(); }
  // What the next entry must name as its previous hash.
  std::string head_hash() const;
  // The newest plan of `year` ("2026-27") before `before_sequence`, or nullptr.
  const VerifiedLedgerEntry* PlanOf(std::string_view year, uint64_t before_sequence = UINT64_MAX) const;
  // The release of `period`, or nullptr.
  const VerifiedLedgerEntry* ReleaseOf(std::string_view period) const;
  // Every released table of `year`'s financial year, as the budget counts them.
  std::vector<core::LedgerEntry> BudgetEntriesOf(const core::Period& year) const;

 private:
  std::vector<VerifiedLedgerEntry> entries_;  // entry i has sequence i + 1
};

// The directory of a version, verified against the pin (DirectoryTrust::
// AcceptHistorical), or a test's stand-in.
using DirectoryOf = std::function<absl::StatusOr<candour::v1::Directory>(uint64_t version)>;

// Verifies a ledger as served, from entry 1. DATA_LOSS naming the first
// entry that is not signed by its directory's release key, is of another
// organisation, out of sequence, or does not chain; the errors of
// `directory_of` as they come.
absl::StatusOr<VerifiedLedger> VerifyLedger(const std::vector<candour::v1::SignedLedgerEntry>& entries,
                                            std::string_view organisation_id, const DirectoryOf& directory_of);

class LedgerHeads {
 public:
  // `state_file` may not exist yet; empty keeps no state (every check passes).
  explicit LedgerHeads(std::string state_file) : state_file_(std::move(state_file)) {}
  // Checks that `ledger` still holds the newest entry remembered for the
  // organisation, then remembers its newest. DATA_LOSS with a hint if it
  // does not (entries were withheld or rewritten); DATA_LOSS for a corrupt
  // state file; INTERNAL if it cannot be written.
  absl::Status Check(std::string_view organisation_id, const VerifiedLedger& ledger);

 private:
  const std::string state_file_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_LEDGER_TRUST_H_
