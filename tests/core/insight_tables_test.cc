// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights tables: hand-counted cells for a small fixture, and the
// sensitivity proof (insights acceptance 1): for every possible tag value,
// adding that report, alone or into a linked group, changes each table by
// at most the table's declared L1 sensitivity.
#include "core/insight_tables.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/core/department.h"

namespace candour::core {
namespace {

using candour::v1::Department;

using testing::Dept;

UnitMap Fixture() {
  // Units: Theatres (5); Maternity (1), Neonatal and small teams (2 and 7).
  // Directorates: Surgery, Women and Children.
  auto map = BuildUnitMap({Dept(1, "Maternity", "Women and Children", 120), Dept(2, "Neonatal", "Women and Children", 30),
                           Dept(7, "Chaplaincy", "Women and Children", 4), Dept(5, "Theatres", "Surgery", 160)});
  EXPECT_TRUE(map.ok()) << map.status();
  return *map;
}

constexpr uint16_t Bit(int characteristic) { return static_cast<uint16_t>(1u << (characteristic - 1)); }

TEST(InsightTablesTest, ShapesAndNames) {
  const UnitMap map = Fixture();
  EXPECT_EQ(Rows(InsightTable::kUnitTotal, map), 3u);
  EXPECT_EQ(Rows(InsightTable::kDirectorateByKind, map), 2u);
  EXPECT_EQ(Rows(InsightTable::kOrganisationTotal, map), 1u);
  EXPECT_EQ(Columns(InsightTable::kDirectorateByCharacteristic), 11u);
  EXPECT_EQ(ColumnName(InsightTable::kDirectorateByCharacteristic, 9), "two-or-more");
  EXPECT_EQ(ColumnName(InsightTable::kDirectorateBySource, 0), "manager");
  EXPECT_EQ(TableName(InsightTable::kDirectorateBySource), "directorate-by-source");
  for (InsightTable table : kAllTables) EXPECT_EQ(L1Sensitivity(table, map), 1u) << TableName(table);
}

TEST(InsightTablesTest, CountsMatchAHandCount) {
  const UnitMap map = Fixture();
  const std::vector<std::vector<CountedReport>> groups = {
      {{1, 2, Bit(6), 1}},                       // Maternity, harassment, race, manager
      {{7, 3, Bit(6) | Bit(7), 2}},              // Chaplaincy (in Neonatal's unit), bullying, two or more
      {{5, 1, 1u << 9, 3}},                      // Theatres, discrimination, none / not sure, public
      {{2, 2, Bit(8), 2}, {2, 2, Bit(8), 2}},    // a duplicate pair: counts once
      {{2, 2, Bit(8), 2}, {5, 4, Bit(1), 5}},    // linked across units: once in each
      {{99, 2, Bit(8), 2}},                      // a department outside the map: dropped
      {{1, 9, Bit(8), 2}},                       // a kind out of range: dropped from every table
  };
  // Units by directorate group, then id: Theatres, Maternity, Neonatal and small teams.
  EXPECT_EQ(CountTable(InsightTable::kUnitTotal, map, groups), (std::vector<int64_t>{2, 1, 3}));
  // Directorates by name: Surgery, Women and Children.
  EXPECT_EQ(CountTable(InsightTable::kDirectorateTotal, map, groups), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(CountTable(InsightTable::kOrganisationTotal, map, groups), (std::vector<int64_t>{5}));
  EXPECT_EQ(CountTable(InsightTable::kDirectorateByKind, map, groups),
            (std::vector<int64_t>{1, 0, 0, 1, 0, 0,    // Surgery: discrimination, victimisation
                                  0, 3, 1, 0, 0, 0}));  // W&C: harassment x3 (one linked group), bullying
  EXPECT_EQ(CountTable(InsightTable::kDirectorateByCharacteristic, map, groups),
            (std::vector<int64_t>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,    // Surgery: age, none
                                  0, 0, 0, 0, 0, 1, 0, 2, 0, 1, 0}));  // W&C: race, sex x2, two or more
  EXPECT_EQ(CountTable(InsightTable::kDirectorateBySource, map, groups),
            (std::vector<int64_t>{0, 0, 1, 0, 1,    // Surgery: public, other
                                  1, 3, 0, 0, 0}));  // W&C: manager, colleague x3
}

int64_t L1(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  int64_t sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += std::llabs(a[i] - b[i]);
  return sum;
}

TEST(InsightTablesTest, NoTagValueMovesATableByMoreThanItsSensitivity) {
  const UnitMap map = Fixture();
  const std::vector<CountedReport> linked = {{2, 2, Bit(8), 2}, {5, 4, Bit(1), 5}};
  for (InsightTable table : kAllTables) {
    const int64_t sensitivity = L1Sensitivity(table, map);
    const std::vector<int64_t> none = CountTable(table, map, {});
    const std::vector<int64_t> group = CountTable(table, map, {linked});
    int64_t largest = 0;
    for (uint32_t department : {0u, 1u, 2u, 5u, 7u, 99u}) {
      for (int kind = 0; kind <= 7; ++kind) {
        for (uint32_t bits = 0; bits < 0x800; ++bits) {
          for (int source = 0; source <= 6; ++source) {
            const CountedReport r{department, static_cast<uint8_t>(kind), static_cast<uint16_t>(bits),
                                  static_cast<uint8_t>(source)};
            // Counts add over groups, so a report's own group is all that changes.
            const int64_t alone = L1(CountTable(table, map, {{r}}), none);
            std::vector<CountedReport> joined = linked;
            joined.push_back(r);
            const int64_t in_group = L1(CountTable(table, map, {joined}), group);
            ASSERT_LE(alone, sensitivity) << TableName(table);
            ASSERT_LE(in_group, sensitivity) << TableName(table);
            largest = std::max({largest, alone, in_group});
          }
        }
      }
    }
    EXPECT_EQ(largest, sensitivity) << TableName(table);  // and it is reached: not overstated
  }
}

}  // namespace
}  // namespace candour::core
