// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Makes an insights release on the release holder's machine (docs/
// INSIGHTS.md, "Releasing"): opens the period's sealed tags with the
// aggregation key (on every core), drops and counts malformed ones, opens the
// link marks so that a linked group counts once and a report marked
// malicious not at all, counts each planned table, adds the noise, and
// commits to each column. True counts, opened tags and noise draws exist
// only in memory that is wiped before this returns; nothing here prints,
// logs or stores them. Thread-safe (no state).
#ifndef CANDOUR_CLIENTS_RELEASE_MAKER_H_
#define CANDOUR_CLIENTS_RELEASE_MAKER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "core/insight_release.h"
#include "core/insight_units.h"
#include "core/noise/random_source.h"
#include "core/period.h"
#include "crypto/keys.h"

namespace candour::clients {

struct ReleaseInputs {
  core::Period period;
  const core::UnitMap* map = nullptr;             // the year's units
  std::vector<core::PlannedTable> tables;         // the plan's tables at this period's granularity
  const crypto::X25519KeyPair* aggregation = nullptr;
  std::string organisation_id;
  // A link mark author's Ed25519 key by recipient key id (Guardians of the
  // verified directory), nullopt if unknown.
  std::function<std::optional<std::string>(std::string_view key_id)> author_public_key;
  core::noise::RandomSource noise;                // crypto::SodiumRandomSource() in production
  unsigned threads = 0;                           // 0: every core
};

// What the release holder is told: counts of inputs, never of reports in a cell.
struct ReleaseMade {
  candour::v1::Release release;                          // period, units, headers with commitments
  std::vector<candour::v1::ReleasedColumn> columns;      // every column of every table
  size_t tags = 0;                 // tagged reports fetched
  size_t malformed_tags = 0;       // did not open or do not fit the year's units: counted nowhere
  size_t excluded_malicious = 0;   // reports a Guardian marked malicious
  size_t linked_away = 0;          // reports counted inside a linked group rather than alone
  size_t unreadable_marks = 0;     // link marks that did not open or verify: ignored
};

// INVALID_ARGUMENT for a missing map or key; the noise stage's errors.
absl::StatusOr<ReleaseMade> MakeRelease(const ReleaseInputs& inputs,
                                        const std::vector<candour::v1::TaggedReport>& reports,
                                        const std::vector<std::string>& sealed_link_marks);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_RELEASE_MAKER_H_
