// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_views.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/budget_ledger.h"
#include "core/funnel.h"
#include "core/insight_release.h"
#include "core/insight_tables.h"
#include "core/period.h"

#include "tests/core/department.h"

namespace candour::core {
namespace {

using candour::v1::Department;
using candour::v1::Release;

using testing::Dept;

// Units: Maternity (1, 120), Neonatal (2, 30), Theatres (5, 160), "Wards, east" (9, 60).
UnitMap Map() {
  return BuildUnitMap({Dept(1, "Maternity", "Women and Children", 120), Dept(2, "Neonatal", "Women and Children", 30),
                       Dept(5, "Theatres", "Surgery", 160), Dept(9, "Wards, east", "Surgery", 60)})
      .value();
}

// A release of `period` with the default plan's tables at its granularity.
Release ReleaseOf(const std::string& period_name, const UnitMap& map) {
  const Period period = ParsePeriod(period_name).value();
  Release release;
  release.set_period(period.name);
  SetUnits(map, &release);
  for (const PlannedTable& p : PlannedTablesFor(DefaultPlan(2026), period)) {
    candour::v1::TableHeader* header = release.add_tables();
    header->set_table(TableId(p.table));
    *header->mutable_epsilon() = EpsilonToProto(p.epsilon);
    header->set_rows(static_cast<uint32_t>(Rows(p.table, map)));
    header->set_columns(static_cast<uint32_t>(Columns(p.table)));
    header->set_sensitivity(L1Sensitivity(p.table, map));
  }
  return release;
}

// Every column of every table of `release`, cell (row, column) = fill(row, column).
ReleasedCells AllCells(const Release& release, int64_t (*fill)(uint32_t table, size_t row, size_t column)) {
  ReleasedCells cells;
  for (const candour::v1::TableHeader& header : release.tables()) {
    for (uint32_t c = 0; c < header.columns(); ++c) {
      std::vector<int64_t>& column = cells[{header.table(), c}];
      for (size_t r = 0; r < header.rows(); ++r) column.push_back(fill(header.table(), r, c));
    }
  }
  return cells;
}

int64_t Small(uint32_t, size_t row, size_t column) { return static_cast<int64_t>(row + column) - 2; }

TEST(InsightViewsTest, AValueIsShownAtLeastZeroWithItsIntervalBetweenZeroAndNoLessThanTheHalfWidth) {
  candour::v1::NoisyValue v = NoisyValueOf(-3, 4);
  EXPECT_EQ(v.value(), -3);
  EXPECT_EQ(v.shown(), 0);
  EXPECT_EQ(v.lower(), 0);
  EXPECT_EQ(v.upper(), 4);  // never below the half-width
  v = NoisyValueOf(10, 4);
  EXPECT_EQ(v.shown(), 10);
  EXPECT_EQ(v.lower(), 6);
  EXPECT_EQ(v.upper(), 14);
  v = NoisyValueOf(-9, 4);
  EXPECT_EQ(v.lower(), 0);
  EXPECT_EQ(v.upper(), 4);  // "0 to 4", not a certain 0
  v = NoisyValueOf(std::numeric_limits<int64_t>::max() - 1, 4);
  EXPECT_EQ(v.upper(), std::numeric_limits<int64_t>::max());
}

// The half-widths by hand: a discrete Laplace draw of ratio q = exp(-ε) has
// P(|X| > w) = 2 q^(w+1) / (1 + q); the 90% half-width is the least w with
// that at most 0.1. ε = 0.7: q^(w+1) <= 0.0748, w + 1 >= 3.70, so w = 3.
// ε = 0.05: q^(w+1) <= 0.0975, w + 1 >= 46.6, so w = 46. ε = 0.2 (sensitivity
// 1): q^(w+1) <= 0.0909, w + 1 >= 11.99, so w = 11.
TEST(InsightViewsTest, EachTableCarriesTheHalfWidthOfItsNoise) {
  const UnitMap map = Map();
  const Release release = ReleaseOf("2026-27", map);
  const ReleasedCells cells = AllCells(release, Small);
  absl::StatusOr<std::vector<candour::v1::TableView>> views = BuildTableViews({&release, &map, &cells, 7});
  ASSERT_TRUE(views.ok()) << views.status();
  ASSERT_EQ(views->size(), 5u);
  std::map<int, uint64_t> half_width;
  for (const candour::v1::TableView& view : *views) half_width[view.table()] = view.half_width();
  EXPECT_EQ(half_width[candour::v1::INSIGHT_TABLE_UNIT_TOTAL], 3u);
  EXPECT_EQ(half_width[candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL], 46u);
  EXPECT_EQ(half_width[candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_KIND], 11u);

  const candour::v1::TableView& units = (*views)[0];
  EXPECT_EQ(units.table_name(), "unit-total");
  ASSERT_EQ(units.rows_size(), 4);
  EXPECT_EQ(units.rows(0).directorate(), "Surgery");
  EXPECT_EQ(units.rows(0).unit_id(), 5u);
  ASSERT_EQ(units.cells_size(), 4);
  EXPECT_EQ(units.cells(0).value(), -2);
  EXPECT_EQ(units.cells(3).value(), 1);
  EXPECT_EQ(units.cells(3).upper(), 4);
}

TEST(InsightViewsTest, AViewHoldsOnlyTheColumnsTheReaderHolds) {
  const UnitMap map = Map();
  const Release release = ReleaseOf("2026-27", map);
  ReleasedCells cells = AllCells(release, Small);
  // A staff network for race: the totals and the race column (Characteristic 6, column 5).
  std::erase_if(cells, [](const auto& entry) {
    return entry.first.first == candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_KIND ||
           entry.first.first == candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_SOURCE ||
           (entry.first.first == candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC && entry.first.second != 5);
  });
  absl::StatusOr<std::vector<candour::v1::TableView>> views = BuildTableViews({&release, &map, &cells, 7});
  ASSERT_TRUE(views.ok()) << views.status();
  ASSERT_EQ(views->size(), 3u);
  const candour::v1::TableView& characteristic = (*views)[1];
  EXPECT_EQ(characteristic.table(), candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC);
  ASSERT_EQ(characteristic.columns_size(), 1);
  EXPECT_EQ(characteristic.columns(0), 5u);
  EXPECT_EQ(characteristic.column_names(0), ColumnName(InsightTable::kDirectorateByCharacteristic, 5));
  EXPECT_EQ(characteristic.cells_size(), 2);  // two directorates
}

TEST(InsightViewsTest, AColumnOfTheWrongLengthIsRefused) {
  const UnitMap map = Map();
  const Release release = ReleaseOf("2026-27", map);
  ReleasedCells cells = AllCells(release, Small);
  cells[{candour::v1::INSIGHT_TABLE_UNIT_TOTAL, 0}].pop_back();
  EXPECT_EQ(BuildTableViews({&release, &map, &cells, 7}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildHotspotView({&release, &map, &cells, 7}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(InsightViewsTest, TheCsvHasOneQuotedLinePerCellAndDefusesFormulas) {
  candour::v1::TableView view;
  view.set_period("2026-27");
  view.set_table_name("unit-total");
  view.mutable_epsilon()->set_numerator(7);
  view.mutable_epsilon()->set_denominator(10);
  view.set_sensitivity(1);
  candour::v1::TableRow* row = view.add_rows();
  row->set_name("Wards, \"east\"");
  row->set_directorate("Surgery");
  view.add_rows()->set_name("=HYPERLINK(\"x\")");
  view.add_columns(0);
  view.add_column_names("");
  *view.add_cells() = NoisyValueOf(-1, 3);
  *view.add_cells() = NoisyValueOf(12, 3);
  EXPECT_EQ(TablesCsv({view}),
            "period,table,epsilon,sensitivity,row,directorate,column,value,shown,interval_90_lower,interval_90_upper\r\n"
            "2026-27,unit-total,7/10,1,\"Wards, \"\"east\"\"\",Surgery,,-1,0,0,3\r\n"
            "2026-27,unit-total,7/10,1,\"'=HYPERLINK(\"\"x\"\")\",,,12,12,9,15\r\n");
}

int64_t Hotspot(uint32_t table, size_t row, size_t) {
  if (table == candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL) return 37;
  if (table == candour::v1::INSIGHT_TABLE_UNIT_TOTAL) return row == 3 ? 30 : 3;  // row 3: Neonatal, 30 staff
  return 0;
}

TEST(InsightViewsTest, TheHotspotViewIsTheFunnelOfTheYearsTotals) {
  const UnitMap map = Map();
  const Release release = ReleaseOf("2026-27", map);
  const ReleasedCells cells = AllCells(release, Hotspot);
  absl::StatusOr<candour::v1::HotspotView> view = BuildHotspotView({&release, &map, &cells, 9});
  ASSERT_TRUE(view.ok()) << view.status();
  EXPECT_EQ(view->year(), "2026-27");
  EXPECT_EQ(view->release_sequence(), 9u);
  EXPECT_EQ(view->organisation_headcount(), 370u);
  EXPECT_EQ(view->organisation_reports().value(), 37);
  EXPECT_EQ(view->organisation_reports().lower(), 0);

  FunnelInput input;
  input.organisation_noisy_total = 37;
  input.organisation_headcount = 370;
  input.unit_noise_scale = noise::MakeFraction(10, 7).value;
  input.organisation_noise_scale = noise::MakeFraction(20, 1).value;
  for (const InsightUnit& unit : map.units) input.units.push_back({unit.id, unit.headcount, 0});
  for (size_t i = 0; i < input.units.size(); ++i) input.units[i].noisy_count = Hotspot(1, i, 0);
  const Funnel funnel = BuildFunnel(input).value();
  EXPECT_EQ(view->organisation_rate(), funnel.organisation_rate);
  ASSERT_EQ(view->units_size(), 4);
  for (int i = 0; i < 4; ++i) {
    const candour::v1::HotspotUnit& unit = view->units(i);
    EXPECT_EQ(unit.unit_id(), map.units[i].id);
    EXPECT_EQ(unit.name(), map.units[i].name);
    EXPECT_EQ(unit.rate(), funnel.points[i].rate);
    EXPECT_EQ(unit.red().upper(), funnel.points[i].limits.red_rate.upper);
    EXPECT_EQ(unit.flag(), funnel.points[i].flag == FunnelFlag::kRed     ? candour::v1::HOTSPOT_FLAG_RED
                           : funnel.points[i].flag == FunnelFlag::kAmber ? candour::v1::HOTSPOT_FLAG_AMBER
                                                                         : candour::v1::HOTSPOT_FLAG_NONE);
  }
  // Four units, one ten times the rest: overdispersed, so the limits are
  // negative binomial and wide, and Neonatal is flagged but not red.
  EXPECT_TRUE(view->negative_binomial());
  EXPECT_EQ(view->units(3).name(), "Neonatal");
  EXPECT_EQ(view->units(3).flag(), candour::v1::HOTSPOT_FLAG_AMBER);
  EXPECT_EQ(view->units(0).flag(), candour::v1::HOTSPOT_FLAG_NONE);
  EXPECT_EQ(view->units(3).reports().upper(), 33);

  // The curve runs from the smallest unit to the largest, and meets each
  // unit's limits at its headcount.
  ASSERT_GE(view->curve_size(), 20);
  EXPECT_EQ(view->curve(0).headcount(), 30u);
  EXPECT_EQ(view->curve(view->curve_size() - 1).headcount(), 160u);
  for (int i = 1; i < view->curve_size(); ++i) EXPECT_GT(view->curve(i).headcount(), view->curve(i - 1).headcount());
  EXPECT_EQ(view->curve(0).red().upper(), view->units(3).red().upper());
}

TEST(InsightViewsTest, HotspotsAreForAYearWithItsTotals) {
  const UnitMap map = Map();
  const Release quarter = ReleaseOf("2026-27Q1", map);
  const ReleasedCells quarter_cells = AllCells(quarter, Hotspot);
  EXPECT_EQ(BuildHotspotView({&quarter, &map, &quarter_cells, 1}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  const Release year = ReleaseOf("2026-27", map);
  ReleasedCells cells = AllCells(year, Hotspot);
  cells.erase({candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL, 0});
  EXPECT_EQ(BuildHotspotView({&year, &map, &cells, 1}).status().code(), absl::StatusCode::kFailedPrecondition);
}

int64_t Steady(uint32_t, size_t row, size_t) { return row == 0 ? 40 : 2; }

TEST(InsightViewsTest, TrendsRunOldestFirstPerDirectorateAndOnlyWhereTheNoiseAllows) {
  const UnitMap map = Map();
  const std::vector<std::string> names = {"2027-28Q1", "2026-27Q2", "2026-27Q1", "2026-27Q4", "2026-27Q3"};
  std::vector<Release> releases;
  for (const std::string& name : names) releases.push_back(ReleaseOf(name, map));
  const ReleasedCells cells = AllCells(releases[0], Steady);  // every quarter has the same shape and cells
  std::vector<ReleaseForView> quarters;
  for (const Release& release : releases) quarters.push_back({&release, &map, &cells, 1});
  absl::StatusOr<std::vector<candour::v1::TrendSeries>> trends = BuildTrends(quarters);
  ASSERT_TRUE(trends.ok()) << trends.status();
  ASSERT_EQ(trends->size(), 2u);
  const candour::v1::TrendSeries& surgery = (*trends)[0];  // 40 a quarter: the noise SD (~3.5) is small
  EXPECT_EQ(surgery.directorate(), "Surgery");
  ASSERT_EQ(surgery.points_size(), 5);
  EXPECT_EQ(surgery.points(0).period(), "2026-27Q1");
  EXPECT_EQ(surgery.points(4).period(), "2027-28Q1");
  EXPECT_EQ(surgery.points(2).total().value(), 40);
  EXPECT_EQ(surgery.points(2).total().lower(), 34);  // ε = 0.4: half-width 6
  EXPECT_TRUE(surgery.shown());
  EXPECT_TRUE(surgery.few_points());
  EXPECT_EQ(surgery.centre(), 40);
  const candour::v1::TrendSeries& women = (*trends)[1];  // 2 a quarter: noise swamps it
  EXPECT_EQ(women.directorate(), "Women and Children");
  EXPECT_FALSE(women.shown());
  EXPECT_EQ(women.upper_limit(), 0);
}

TEST(InsightViewsTest, TrendsRefuseAYearOrAQuarterTwice) {
  const UnitMap map = Map();
  const Release a = ReleaseOf("2026-27Q1", map);
  const Release year = ReleaseOf("2026-27", map);
  const ReleasedCells cells = AllCells(a, Steady);
  const ReleasedCells year_cells = AllCells(year, Steady);
  EXPECT_EQ(BuildTrends({{&a, &map, &cells, 1}, {&a, &map, &cells, 2}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildTrends({{&year, &map, &year_cells, 1}}).status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::vector<candour::v1::TrendSeries>> one = BuildTrends({{&a, &map, &cells, 1}});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_FALSE((*one)[0].shown());
  EXPECT_TRUE((*one)[0].few_points());
}

}  // namespace
}  // namespace candour::core
