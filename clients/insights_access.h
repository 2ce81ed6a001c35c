// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What every insights command shares: the ledger fetched whole and verified
// (clients/ledger_trust.h), checked against what this client saw, and a
// stored release read back with every signature, commitment and shape
// checked, so that no figure a command shows comes from the server's word.
#ifndef CANDOUR_CLIENTS_INSIGHTS_ACCESS_H_
#define CANDOUR_CLIENTS_INSIGHTS_ACCESS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli.h"
#include "clients/insights_client.h"
#include "clients/ledger_trust.h"
#include "core/budget_ledger.h"
#include "core/insight_units.h"

namespace candour::clients {

// Directories by version, each verified against the pin as history.
DirectoryOf PinnedDirectories(Session& connection);

// The whole ledger, verified, and checked against (then remembered in)
// `ledger-heads` beside the state file. Errors as VerifyLedger and
// LedgerHeads::Check, and the server's.
absl::StatusOr<VerifiedLedger> FetchVerifiedLedger(Session& connection, InsightsClient& insights,
                                                   const std::string& organisation_id);

// A release as a reader sees it, every part checked.
struct ReadRelease {
  candour::v1::Release release;
  core::YearPlan plan;                    // the year's plan when it was released
  core::UnitMap map;                      // the units it publishes (the year's)
  // The columns the caller may see, by (table id, column): noisy cells in row order.
  std::map<std::pair<int, uint32_t>, std::vector<int64_t>> columns;
  uint64_t sequence = 0;
};

// GetRelease for `period`, checked: the entry is the one the verified
// ledger holds at its sequence, and so is its plan; its units are the map of
// the plan's directory; its tables have the plan's shape; and each column
// served matches its commitment. NOT_FOUND if the period is not released;
// DATA_LOSS with a hint for anything that does not check.
absl::StatusOr<ReadRelease> FetchRelease(Session& connection, InsightsClient& insights, const VerifiedLedger& ledger,
                                         const std::string& period);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_INSIGHTS_ACCESS_H_
