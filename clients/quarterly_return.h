// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The Freedom to Speak Up quarterly return, computed on a Guardian's machine
// from decrypted cases: exact counts (it goes to the national body, not to
// the organisation's dashboards, so no small-number suppression), one case
// counted once in the total however many elements it carries. The columns
// are a table, not code paths, because the body that collects the return
// (the National Guardian's Office until June 2026, NHS England after) may
// change them. Pure functions; thread-safe.
#ifndef CANDOUR_CLIENTS_QUARTERLY_RETURN_H_
#define CANDOUR_CLIENTS_QUARTERLY_RETURN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "candour/v1/thread.pb.h"
#include "core/period.h"

namespace candour::clients {

// What the return needs of one case.
struct CaseFacts {
  core::Day received_day = 0;
  bool anonymous = false;
  // The group the reporter chose in the report; empty if none.
  std::string reported_group;
  // The case's latest classification entry, if any.
  std::optional<candour::v1::Classification> classification;
};

struct ReturnColumn {
  std::string name;
  int64_t count = 0;
};

// Counts the cases received in `quarter`. Columns, in order: cases raised;
// raised anonymously; one per element; one per professional group in
// `groups` then "Not known" (the Guardian's classified group, else the
// reporter's own choice); feedback given; and one per "would you speak up
// again" answer. A case without a classification counts in the total, the
// anonymous column and its reported group only.
std::vector<ReturnColumn> ComputeQuarterlyReturn(const std::vector<CaseFacts>& cases, const core::Period& quarter,
                                                 const std::vector<std::string>& groups);

// Two CSV lines (RFC 4180): the column names with "Quarter" first, then the
// counts with the quarter's name.
std::string ReturnCsv(const std::vector<ReturnColumn>& columns, const core::Period& quarter);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_QUARTERLY_RETURN_H_
