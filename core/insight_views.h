// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What people read of the insights releases (docs/INSIGHTS.md, "What people
// see"): each released table with a 90% interval on every cell, a year's
// department hotspots as a funnel plot, and quarterly directorate trends as
// XmR charts, plus the CSV export of tables. Every view is a pure function
// of stored releases (their noisy cells and public headers), computed by
// this one code for the server's view RPCs and the CLI alike, so a view
// spends no privacy budget and anyone holding the releases can recompute
// it byte for byte. Stateless and thread-safe.
#ifndef CANDOUR_CORE_INSIGHT_VIEWS_H_
#define CANDOUR_CORE_INSIGHT_VIEWS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/insights.pb.h"
#include "core/insight_units.h"
#include "core/noise/fraction.h"

namespace candour::core {

// The columns of one release a reader holds: (InsightTableId, column) ->
// the noisy cells in row order. A role's view has only its columns.
using ReleasedCells = std::map<std::pair<int, uint32_t>, std::vector<int64_t>>;

// The cells of stored columns. INVALID_ARGUMENT if a column is given twice.
absl::StatusOr<ReleasedCells> CellsOfColumns(
    const google::protobuf::RepeatedPtrField<candour::v1::ReleasedColumn>& columns);

// One release as views read it. The release must have passed
// CheckReleaseShape against `map` (the server checked it before storing;
// readers check it in FetchRelease), so its tables and rows agree.
struct ReleaseForView {
  const candour::v1::Release* release = nullptr;
  const UnitMap* map = nullptr;
  const ReleasedCells* cells = nullptr;
  uint64_t sequence = 0;  // its ledger entry
};

// The noise scale of a table, sensitivity/ε. INVALID_ARGUMENT if either is 0.
absl::StatusOr<noise::Fraction> TableNoiseScale(uint32_t sensitivity, noise::Fraction epsilon);

// A cell as people see it, with the 90% interval for half-width `w`:
// [max(0, value - w), max(w, value + w)]. The true count is never negative,
// so cutting at zero keeps the coverage; the upper end never falls below w,
// so a value noise pushed below -w still reads "0 to w" rather than a
// certain 0 (which still covers: a true count within w of the value is at most w).
candour::v1::NoisyValue NoisyValueOf(int64_t value, int64_t half_width);

// Every table of `release` of which the reader holds a column, each with
// only those columns, in table order. INVALID_ARGUMENT if a held column
// does not have one cell per row or the header does not read.
absl::StatusOr<std::vector<candour::v1::TableView>> BuildTableViews(const ReleaseForView& release);

// The hotspot funnel of a financial year's release (its unit-total and
// organisation-total tables). FAILED_PRECONDITION if the release is not of
// a year or lacks either table; the codes of BuildFunnel.
absl::StatusOr<candour::v1::HotspotView> BuildHotspotView(const ReleaseForView& year_release);

// The quarterly directorate totals of `quarters` (quarter releases, any
// order; each with its directorate-total table) as one XmR series per
// directorate group name, points oldest first. A group with too few points
// for limits has its points and shown = false. The noise SD of a series is
// that of the largest scale among its quarters, so a plan that changed ε
// mid-series is judged by its noisiest quarter. INVALID_ARGUMENT if a
// release is not of a quarter or is given twice.
absl::StatusOr<std::vector<candour::v1::TrendSeries>> BuildTrends(const std::vector<ReleaseForView>& quarters);

// The CSV of `tables` (RFC 4180, "\r\n" line ends, a header line): one line
// per cell with the period, table, ε as a fraction, sensitivity, the row,
// the column, the noisy value with its sign, what an interface shows, and
// the 90% interval. Text that a spreadsheet would run as a formula is
// prefixed with an apostrophe.
std::string TablesCsv(const std::vector<candour::v1::TableView>& tables);

// The one line every view shows beside its numbers.
inline constexpr char kNoiseNote[] =
    "Each count has random noise added so that no number can point at a person: a count may be a few "
    "reports off, and the true count lies in the interval shown 9 times in 10.";

}  // namespace candour::core

#endif  // CANDOUR_CORE_INSIGHT_VIEWS_H_
