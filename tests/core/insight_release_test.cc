// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_release.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/core/department.h"

namespace candour::core {
namespace {

using candour::v1::Department;
using candour::v1::Release;

using testing::Dept;

UnitMap Map() {
  return BuildUnitMap({Dept(1, "Maternity", "Women and Children", 120), Dept(2, "Neonatal", "Women and Children", 30),
                       Dept(7, "Chaplaincy", "Women and Children", 4), Dept(5, "Theatres", "Surgery", 160)})
      .value();
}

noise::Fraction Eps(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

// The year tables of the default plan, with their sizes over `map`.
Release YearRelease(const UnitMap& map, const std::vector<PlannedTable>& planned) {
  Release release;
  release.set_period("2026-27");
  SetUnits(map, &release);
  for (const PlannedTable& p : planned) {
    candour::v1::TableHeader* header = release.add_tables();
    header->set_table(TableId(p.table));
    *header->mutable_epsilon() = EpsilonToProto(p.epsilon);
    header->set_rows(static_cast<uint32_t>(Rows(p.table, map)));
    header->set_columns(static_cast<uint32_t>(Columns(p.table)));
    header->set_sensitivity(L1Sensitivity(p.table, map));
    for (size_t c = 0; c < Columns(p.table); ++c) header->add_column_commitments(std::string(32, 'c'));
  }
  return release;
}

const std::vector<PlannedTable> kYearTables = {
    {InsightTable::kUnitTotal, Eps(7, 10)},
    {InsightTable::kDirectorateByKind, Eps(1, 5)},
    {InsightTable::kDirectorateByCharacteristic, Eps(1, 5)},
    {InsightTable::kDirectorateBySource, Eps(1, 5)},
    {InsightTable::kOrganisationTotal, Eps(1, 20)},
};

TEST(InsightReleaseTest, EveryTableHasAWireIdAndBack) {
  for (InsightTable table : kAllTables) {
    ASSERT_NE(TableId(table), candour::v1::INSIGHT_TABLE_UNSPECIFIED);
    EXPECT_EQ(TableFromId(TableId(table)), table);
  }
  EXPECT_EQ(TableFromId(candour::v1::INSIGHT_TABLE_UNSPECIFIED), std::nullopt);
  EXPECT_EQ(TableFromId(static_cast<candour::v1::InsightTableId>(99)), std::nullopt);
}

TEST(InsightReleaseTest, EpsilonOnTheWireHasOneEncoding) {
  candour::v1::Epsilon e;
  e.set_numerator(7);
  e.set_denominator(10);
  EXPECT_EQ(EpsilonFromProto(e).value(), Eps(7, 10));
  EXPECT_EQ(EpsilonFromProto(EpsilonToProto(Eps(1, 20))).value(), Eps(1, 20));
  for (auto [num, den] : std::vector<std::pair<uint64_t, uint64_t>>{
           {14, 20}, {0, 1}, {1, 0}, {1'000'000'000, 1}, {1, 1'000'000'000}}) {
    e.set_numerator(num);
    e.set_denominator(den);
    EXPECT_EQ(EpsilonFromProto(e).status().code(), absl::StatusCode::kInvalidArgument) << num << "/" << den;
  }
}

TEST(InsightReleaseTest, GranularityFollowsThePeriod) {
  EXPECT_EQ(GranularityOf(ParsePeriod("2026-27").value()), candour::v1::GRANULARITY_YEAR);
  EXPECT_EQ(GranularityOf(ParsePeriod("2026-27Q3").value()), candour::v1::GRANULARITY_QUARTER);
}

TEST(InsightReleaseTest, TheUnitMapRoundTripsThroughARelease) {
  const UnitMap map = Map();
  Release release;
  SetUnits(map, &release);
  absl::StatusOr<UnitMap> back = UnitMapOf(release);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->units.size(), map.units.size());
  for (size_t i = 0; i < map.units.size(); ++i) {
    EXPECT_EQ(back->units[i].id, map.units[i].id);
    EXPECT_EQ(back->units[i].name, map.units[i].name);
    EXPECT_EQ(back->units[i].headcount, map.units[i].headcount);
    EXPECT_EQ(back->units[i].department_ids, map.units[i].department_ids);
  }
  EXPECT_EQ(back->directorates, map.directorates);
  EXPECT_EQ(back->unit_of, map.unit_of);

  Release twice = release;
  twice.mutable_units(1)->add_department_ids(map.units[0].department_ids[0]);
  EXPECT_EQ(UnitMapOf(twice).status().code(), absl::StatusCode::kInvalidArgument);
  Release nowhere = release;
  nowhere.mutable_units(0)->set_directorate("Elsewhere");
  EXPECT_EQ(UnitMapOf(nowhere).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(InsightReleaseTest, AWellFormedReleaseHasThePlannedShape) {
  const UnitMap map = Map();
  EXPECT_TRUE(CheckReleaseShape(YearRelease(map, kYearTables), map, kYearTables).ok());
  // The plan's order does not matter; the release's is by table id.
  std::vector<PlannedTable> reversed(kYearTables.rbegin(), kYearTables.rend());
  EXPECT_TRUE(CheckReleaseShape(YearRelease(map, kYearTables), map, reversed).ok());
}

TEST(InsightReleaseTest, EachDifferenceFromThePlanOrMapIsRefused) {
  const UnitMap map = Map();
  const Release good = YearRelease(map, kYearTables);
  std::vector<std::pair<std::string, Release>> bad;
  auto add = [&](const std::string& what, auto change) {
    Release r = good;
    change(r);
    bad.emplace_back(what, r);
  };
  add("a unit renamed", [](Release& r) { r.mutable_units(0)->set_name("Other"); });
  add("a headcount changed", [](Release& r) { r.mutable_units(0)->set_headcount(11); });
  add("a unit dropped", [](Release& r) { r.mutable_units()->RemoveLast(); });
  add("a directorate dropped", [](Release& r) { r.mutable_directorates()->RemoveLast(); });
  add("a table dropped", [](Release& r) { r.mutable_tables()->RemoveLast(); });
  add("tables reordered", [](Release& r) { r.mutable_tables()->SwapElements(0, 1); });
  add("another epsilon", [](Release& r) { r.mutable_tables(0)->mutable_epsilon()->set_numerator(9); });
  add("a row more", [](Release& r) { r.mutable_tables(0)->set_rows(r.tables(0).rows() + 1); });
  add("a column fewer", [](Release& r) { r.mutable_tables(1)->set_columns(5); });
  add("sensitivity halved", [](Release& r) { r.mutable_tables(0)->set_sensitivity(0); });
  add("a commitment missing", [](Release& r) { r.mutable_tables(1)->mutable_column_commitments()->RemoveLast(); });
  add("a short commitment", [](Release& r) { r.mutable_tables(0)->set_column_commitments(0, "short"); });
  for (const auto& [what, release] : bad) {
    EXPECT_EQ(CheckReleaseShape(release, map, kYearTables).code(), absl::StatusCode::kFailedPrecondition) << what;
  }
}

TEST(InsightReleaseTest, APlanRoundTripsThroughTheWire) {
  const YearPlan plan = DefaultPlan(2026);
  const candour::v1::BudgetPlan wire = YearPlanToProto(plan, 7);
  EXPECT_EQ(wire.year(), "2026-27");
  EXPECT_EQ(wire.directory_version(), 7u);
  absl::StatusOr<YearPlan> back = YearPlanFromProto(wire);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->start_year, 2026);
  EXPECT_EQ(back->cap, plan.cap);
  ASSERT_EQ(back->releases.size(), plan.releases.size());
  for (size_t i = 0; i < plan.releases.size(); ++i) {
    EXPECT_EQ(back->releases[i].table, plan.releases[i].table);
    EXPECT_EQ(back->releases[i].granularity, plan.releases[i].granularity);
    EXPECT_EQ(back->releases[i].epsilon, plan.releases[i].epsilon);
  }
  EXPECT_EQ(YearPlanToProto(DefaultPlan(2099), 1).year(), "2099-00");

  // The quarter tables of the default plan are directorate and organisation totals.
  std::vector<PlannedTable> quarter = PlannedTablesFor(plan, ParsePeriod("2026-27Q2").value());
  ASSERT_EQ(quarter.size(), 2u);
  EXPECT_EQ(PlannedTablesFor(plan, ParsePeriod("2026-27").value()).size(), 5u);

  for (auto change : std::vector<std::function<void(candour::v1::BudgetPlan&)>>{
           [](candour::v1::BudgetPlan& p) { p.set_year("2026-27Q1"); },
           [](candour::v1::BudgetPlan& p) { p.mutable_cap()->set_denominator(0); },
           [](candour::v1::BudgetPlan& p) { p.mutable_releases(0)->set_table(candour::v1::INSIGHT_TABLE_UNSPECIFIED); },
           [](candour::v1::BudgetPlan& p) { p.mutable_releases(0)->set_granularity(candour::v1::GRANULARITY_UNSPECIFIED); },
           [](candour::v1::BudgetPlan& p) { p.mutable_releases(0)->mutable_epsilon()->set_numerator(0); }}) {
    candour::v1::BudgetPlan bad = wire;
    change(bad);
    EXPECT_EQ(YearPlanFromProto(bad).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(InsightReleaseTest, StaffNetworksSeeTheTotalsAndTheirOwnCharacteristics) {
  candour::v1::Grants network;
  network.add_roles(candour::v1::ROLE_STAFF_NETWORK);
  network.add_network_scope(candour::v1::CHARACTERISTIC_RACE);  // 6 in the Equality Act's order
  for (InsightTable table : {InsightTable::kUnitTotal, InsightTable::kDirectorateTotal, InsightTable::kOrganisationTotal}) {
    EXPECT_TRUE(MaySeeColumn(network, table, 0));
  }
  for (size_t c = 0; c < Columns(InsightTable::kDirectorateByCharacteristic); ++c) {
    EXPECT_EQ(MaySeeColumn(network, InsightTable::kDirectorateByCharacteristic, c),
              c == static_cast<size_t>(candour::v1::CHARACTERISTIC_RACE - 1))
        << c;
  }
  for (size_t c = 0; c < Columns(InsightTable::kDirectorateByKind); ++c) {
    EXPECT_FALSE(MaySeeColumn(network, InsightTable::kDirectorateByKind, c));
  }
  for (size_t c = 0; c < Columns(InsightTable::kDirectorateBySource); ++c) {
    EXPECT_FALSE(MaySeeColumn(network, InsightTable::kDirectorateBySource, c));
  }
  for (candour::v1::Role role : {candour::v1::ROLE_HR, candour::v1::ROLE_STAFF_SIDE, candour::v1::ROLE_GUARDIAN}) {
    candour::v1::Grants grants;
    grants.add_roles(role);
    for (InsightTable table : kAllTables) {
      for (size_t c = 0; c < Columns(table); ++c) EXPECT_TRUE(MaySeeColumn(grants, table, c));
    }
  }
  candour::v1::Grants admin;
  admin.add_roles(candour::v1::ROLE_ADMIN);
  EXPECT_FALSE(MaySeeColumn(admin, InsightTable::kOrganisationTotal, 0));
}

}  // namespace
}  // namespace candour::core
