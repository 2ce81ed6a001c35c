// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_release.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "core/epsilon.h"

namespace candour::core {
namespace {

using candour::v1::InsightTableId;

constexpr uint64_t kMaxEpsilonPart = 999'999'999;
constexpr size_t kCommitmentSize = 32;

struct TableIds {
  InsightTable table;
  InsightTableId id;
};
constexpr TableIds kTableIds[] = {
    {InsightTable::kUnitTotal, candour::v1::INSIGHT_TABLE_UNIT_TOTAL},
    {InsightTable::kDirectorateTotal, candour::v1::INSIGHT_TABLE_DIRECTORATE_TOTAL},
    {InsightTable::kDirectorateByKind, candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_KIND},
    {InsightTable::kDirectorateByCharacteristic, candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC},
    {InsightTable::kDirectorateBySource, candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_SOURCE},
    {InsightTable::kOrganisationTotal, candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL},
};

bool SameUnits(const candour::v1::Release& release, const UnitMap& map) {
  if (release.units_size() != static_cast<int>(map.units.size())) return false;
  for (size_t i = 0; i < map.units.size(); ++i) {
    const InsightUnit& want = map.units[i];
    const candour::v1::InsightUnit& got = release.units(static_cast<int>(i));
    if (got.id() != want.id || got.name() != want.name || got.directorate() != want.directorate ||
        got.headcount() != want.headcount ||
        !std::equal(got.department_ids().begin(), got.department_ids().end(), want.department_ids.begin(),
                    want.department_ids.end())) {
      return false;
    }
  }
  return std::equal(release.directorates().begin(), release.directorates().end(), map.directorates.begin(),
                    map.directorates.end());
}

}  // namespace

InsightTableId TableId(InsightTable table) {
  for (const TableIds& ids : kTableIds) {
    if (ids.table == table) return ids.id;
  }
  return candour::v1::INSIGHT_TABLE_UNSPECIFIED;
}

std::optional<InsightTable> TableFromId(InsightTableId id) {
  for (const TableIds& ids : kTableIds) {
    if (ids.id == id) return ids.table;
  }
  return std::nullopt;
}

absl::StatusOr<noise::Fraction> EpsilonFromProto(const candour::v1::Epsilon& epsilon) {
  const uint64_t num = epsilon.numerator();
  const uint64_t den = epsilon.denominator();
  if (num < 1 || num > kMaxEpsilonPart || den < 1 || den > kMaxEpsilonPart || noise::Gcd(num, den) != 1) {
    return absl::InvalidArgumentError("epsilon must be a fraction in lowest terms with parts 1 to 999999999");
  }
  noise::FractionResult fraction = noise::MakeFraction(num, den);
  if (fraction.status != noise::NoiseStatus::kOk) return absl::InvalidArgumentError("epsilon is not a fraction");
  return fraction.value;
}

candour::v1::Epsilon EpsilonToProto(noise::Fraction epsilon) {
  candour::v1::Epsilon out;
  out.set_numerator(epsilon.num());
  out.set_denominator(epsilon.den());
  return out;
}

candour::v1::Granularity GranularityOf(const Period& period) {
  return period.quarter == 0 ? candour::v1::GRANULARITY_YEAR : candour::v1::GRANULARITY_QUARTER;
}

absl::StatusOr<YearPlan> YearPlanFromProto(const candour::v1::BudgetPlan& plan) {
  absl::StatusOr<Period> year = ParsePeriod(plan.year());
  if (!year.ok() || year->quarter != 0) return absl::InvalidArgumentError("plan year must look like 2026-27");
  YearPlan out;
  out.start_year = year->start_year;
  absl::StatusOr<noise::Fraction> cap = EpsilonFromProto(plan.cap());
  if (!cap.ok()) return absl::InvalidArgumentError(absl::StrCat("plan cap: ", cap.status().message()));
  out.cap = *cap;
  for (const candour::v1::PlannedRelease& p : plan.releases()) {
    std::optional<InsightTable> table = TableFromId(p.table());
    if (!table.has_value()) return absl::InvalidArgumentError("plan names a table this version does not know");
    if (p.granularity() != candour::v1::GRANULARITY_YEAR && p.granularity() != candour::v1::GRANULARITY_QUARTER) {
      return absl::InvalidArgumentError("plan names a period that is neither a year nor a quarter");
    }
    absl::StatusOr<noise::Fraction> epsilon = EpsilonFromProto(p.epsilon());
    if (!epsilon.ok()) return absl::InvalidArgumentError(absl::StrCat("plan: ", epsilon.status().message()));
    out.releases.push_back(
        {*table, p.granularity() == candour::v1::GRANULARITY_YEAR ? Granularity::kYear : Granularity::kQuarter,
         *epsilon});
  }
  return out;
}

candour::v1::BudgetPlan YearPlanToProto(const YearPlan& plan, uint64_t directory_version) {
  candour::v1::BudgetPlan out;
  out.set_year(FinancialYearOf(DayFromCivil({plan.start_year, 4, 1})).name);
  *out.mutable_cap() = EpsilonToProto(plan.cap);
  for (const PlannedRelease& p : plan.releases) {
    candour::v1::PlannedRelease* r = out.add_releases();
    r->set_table(TableId(p.table));
    r->set_granularity(p.granularity == Granularity::kYear ? candour::v1::GRANULARITY_YEAR
                                                           : candour::v1::GRANULARITY_QUARTER);
    *r->mutable_epsilon() = EpsilonToProto(p.epsilon);
  }
  out.set_directory_version(directory_version);
  return out;
}

std::vector<PlannedTable> PlannedTablesFor(const YearPlan& plan, const Period& period) {
  const Granularity want = period.quarter == 0 ? Granularity::kYear : Granularity::kQuarter;
  std::vector<PlannedTable> tables;
  for (const PlannedRelease& p : plan.releases) {
    if (p.granularity == want) tables.push_back({p.table, p.epsilon});
  }
  return tables;
}

void AddBudgetEntries(const candour::v1::Release& release, const Period& year, std::vector<LedgerEntry>* out) {
  absl::StatusOr<Period> period = ParsePeriod(release.period());
  if (!period.ok() || period->start_year != year.start_year) return;
  for (const candour::v1::TableHeader& header : release.tables()) {
    std::optional<InsightTable> table = TableFromId(header.table());
    absl::StatusOr<noise::Fraction> epsilon = EpsilonFromProto(header.epsilon());
    if (table.has_value() && epsilon.ok()) out->push_back({*table, *period, *epsilon, header.sensitivity()});
  }
}

void SetUnits(const UnitMap& map, candour::v1::Release* release) {
  release->clear_units();
  release->clear_directorates();
  for (const InsightUnit& unit : map.units) {
    candour::v1::InsightUnit* out = release->add_units();
    out->set_id(unit.id);
    out->set_name(unit.name);
    out->set_directorate(unit.directorate);
    out->set_headcount(unit.headcount);
    for (uint32_t id : unit.department_ids) out->add_department_ids(id);
  }
  for (const std::string& directorate : map.directorates) release->add_directorates(directorate);
}

absl::StatusOr<UnitMap> UnitMapOf(const candour::v1::Release& release) {
  UnitMap map;
  const std::set<std::string> directorates(release.directorates().begin(), release.directorates().end());
  if (directorates.size() != static_cast<size_t>(release.directorates_size())) {
    return absl::InvalidArgumentError("release names a directorate group twice");
  }
  map.directorates.assign(release.directorates().begin(), release.directorates().end());
  for (const candour::v1::InsightUnit& unit : release.units()) {
    if (!directorates.contains(unit.directorate())) {
      return absl::InvalidArgumentError(absl::StrCat("unit ", unit.id(), " is in no released directorate group"));
    }
    if (unit.department_ids().empty()) return absl::InvalidArgumentError("a released unit has no department");
    InsightUnit out{unit.id(), unit.name(), unit.directorate(), unit.headcount(),
                    {unit.department_ids().begin(), unit.department_ids().end()}};
    for (uint32_t department : out.department_ids) {
      if (!map.unit_of.emplace(department, map.units.size()).second) {
        return absl::InvalidArgumentError(absl::StrCat("department ", department, " is in two released units"));
      }
    }
    map.units.push_back(std::move(out));
  }
  return map;
}

absl::Status CheckReleaseShape(const candour::v1::Release& release, const UnitMap& map,
                               const std::vector<PlannedTable>& planned) {
  if (!SameUnits(release, map)) {
    return absl::FailedPreconditionError("release's units are not the year's unit map");
  }
  std::vector<PlannedTable> expected = planned;
  std::sort(expected.begin(), expected.end(),
            [](const PlannedTable& a, const PlannedTable& b) { return TableId(a.table) < TableId(b.table); });
  if (release.tables_size() != static_cast<int>(expected.size())) {
    return absl::FailedPreconditionError(
        absl::StrCat("release has ", release.tables_size(), " tables; the plan has ", expected.size(),
                     " for this period"));
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const candour::v1::TableHeader& header = release.tables(static_cast<int>(i));
    const InsightTable table = expected[i].table;
    const std::string name = TableName(table);
    if (header.table() != TableId(table)) {
      return absl::FailedPreconditionError(absl::StrCat("release's table ", i + 1, " should be ", name));
    }
    absl::StatusOr<noise::Fraction> epsilon = EpsilonFromProto(header.epsilon());
    if (!epsilon.ok() || !(*epsilon == expected[i].epsilon)) {
      return absl::FailedPreconditionError(
          absl::StrCat(name, ": epsilon is not the plan's ", FormatEpsilon(expected[i].epsilon)));
    }
    if (header.rows() != Rows(table, map) || header.columns() != Columns(table)) {
      return absl::FailedPreconditionError(absl::StrCat(name, ": rows or columns do not fit the unit map"));
    }
    if (header.sensitivity() != L1Sensitivity(table, map)) {
      return absl::FailedPreconditionError(
          absl::StrCat(name, ": sensitivity is not ", L1Sensitivity(table, map)));
    }
    if (header.column_commitments_size() != static_cast<int>(header.columns()) ||
        std::any_of(header.column_commitments().begin(), header.column_commitments().end(),
                    [](const std::string& c) { return c.size() != kCommitmentSize; })) {
      return absl::FailedPreconditionError(absl::StrCat(name, ": needs one 32-byte commitment per column"));
    }
  }
  return absl::OkStatus();
}

bool MaySeeColumn(const candour::v1::Grants& grants, InsightTable table, size_t column) {
  for (int role : grants.roles()) {
    if (role == candour::v1::ROLE_GUARDIAN || role == candour::v1::ROLE_HR || role == candour::v1::ROLE_STAFF_SIDE) {
      return true;
    }
  }
  const bool network = std::find(grants.roles().begin(), grants.roles().end(), candour::v1::ROLE_STAFF_NETWORK) !=
                       grants.roles().end();
  if (!network) return false;
  if (Columns(table) == 1) return true;  // the totals
  if (table != InsightTable::kDirectorateByCharacteristic) return false;
  // Column v - 1 holds reports naming characteristic v alone.
  for (int characteristic : grants.network_scope()) {
    if (characteristic >= 1 && static_cast<size_t>(characteristic - 1) == column) return true;
  }
  return false;
}

}  // namespace candour::core
