// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The shape of a signed insights release (insights.proto, docs/PROTOCOL.md
// §20): the wire ids of the tables, ε on the wire, the unit map as a release
// publishes it, and the check that a release header holds exactly the
// planned tables with the rows, columns and sensitivity the unit map gives.
// The server runs the check before storing a release and every reader runs
// it again, so neither trusts the other's arithmetic. Stateless, thread-safe.
#ifndef CANDOUR_CORE_INSIGHT_RELEASE_H_
#define CANDOUR_CORE_INSIGHT_RELEASE_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/auth.pb.h"
#include "candour/v1/insights.pb.h"
#include "core/budget_ledger.h"
#include "core/insight_tables.h"
#include "core/insight_units.h"
#include "core/noise/fraction.h"
#include "core/period.h"

namespace candour::core {

candour::v1::InsightTableId TableId(InsightTable table);
// nullopt for INSIGHT_TABLE_UNSPECIFIED or an id this version does not know.
std::optional<InsightTable> TableFromId(candour::v1::InsightTableId id);

// ε from the wire: INVALID_ARGUMENT unless both parts are 1..999999999 and
// the fraction is in lowest terms (so each ε has one encoding).
absl::StatusOr<noise::Fraction> EpsilonFromProto(const candour::v1::Epsilon& epsilon);
candour::v1::Epsilon EpsilonToProto(noise::Fraction epsilon);

// Appends the tables of `release` to `out` as the budget ledger counts
// them, if the release is of `year`'s financial year. A table or ε that does
// not read is left out: callers store or accept only releases whose tables
// all read (the server checks them at publish, readers in VerifyLedger).
void AddBudgetEntries(const candour::v1::Release& release, const Period& year, std::vector<LedgerEntry>* out);

// A period's granularity: a quarter, or the whole financial year.
candour::v1::Granularity GranularityOf(const Period& period);

// Writes the map's units and directorate groups into `release`, in the map's order.
void SetUnits(const UnitMap& map, candour::v1::Release* release);
// The map a release publishes, for readers. INVALID_ARGUMENT if a unit's
// directorate is not among the release's directorates, a department is in
// two units, or a unit has no department.
absl::StatusOr<UnitMap> UnitMapOf(const candour::v1::Release& release);

// A signed plan as the budget rules read it. INVALID_ARGUMENT if its year
// is not a financial year, or a table, granularity or ε does not read.
absl::StatusOr<YearPlan> YearPlanFromProto(const candour::v1::BudgetPlan& plan);
// The plan on the wire, its units fixed by `directory_version`.
candour::v1::BudgetPlan YearPlanToProto(const YearPlan& plan, uint64_t directory_version);

struct PlannedTable {
  InsightTable table;
  noise::Fraction epsilon;
};

// OK if `release` publishes exactly `map`, and its tables are exactly
// `planned` in InsightTableId order, each with the planned ε, the rows and
// columns of the table over `map`, the sensitivity L1Sensitivity computes,
// and one 32-byte commitment per column. FAILED_PRECONDITION naming the
// first difference otherwise.
// The plan's tables at `period`'s granularity.
std::vector<PlannedTable> PlannedTablesFor(const YearPlan& plan, const Period& period);

absl::Status CheckReleaseShape(const candour::v1::Release& release, const UnitMap& map,
                               const std::vector<PlannedTable>& planned);

// Whether an account with `grants` may see a column (docs/INSIGHTS.md,
// "Roles"): Guardians, HR and staff side see every column; a staff network
// sees the one-column totals and, of the characteristic table, the columns
// of the characteristics in its scope. Every view comes from the same
// stored release, so a view spends no privacy budget of its own.
bool MaySeeColumn(const candour::v1::Grants& grants, InsightTable table, size_t column);

}  // namespace candour::core

#endif  // CANDOUR_CORE_INSIGHT_RELEASE_H_
