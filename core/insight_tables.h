// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The insights tables (docs/INSIGHTS.md, "Tables"): which cell each report
// counts in, and each table's L1 sensitivity, computed from the tag schema
// by enumerating every tag value the table reads. Every table is a
// partition: a report counts in exactly one cell (characteristics as a
// partition too: each single characteristic, "two or more", "none / not
// sure"), so one report moves one cell by one. Source of behaviour has no
// unit-level table: in a small team "manager" is one person. Stateless and
// thread-safe.
#ifndef CANDOUR_CORE_INSIGHT_TABLES_H_
#define CANDOUR_CORE_INSIGHT_TABLES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/insight_units.h"

namespace candour::core {

enum class InsightTable {
  kUnitTotal,                     // rows: units
  kDirectorateTotal,              // rows: directorate groups
  kDirectorateByKind,             // rows: groups; columns: the six report kinds
  kDirectorateByCharacteristic,   // columns: nine characteristics, two or more, none / not sure
  kDirectorateBySource,           // columns: the five sources of behaviour
  kOrganisationTotal,             // one cell
};
inline constexpr InsightTable kAllTables[] = {
    InsightTable::kUnitTotal,          InsightTable::kDirectorateTotal,
    InsightTable::kDirectorateByKind,  InsightTable::kDirectorateByCharacteristic,
    InsightTable::kDirectorateBySource, InsightTable::kOrganisationTotal};

// What a report's aggregation tag says, as insights counts it (the fields
// of crypto::AggregationTag; core holds no crypto).
struct CountedReport {
  uint32_t department_id = 0;
  uint8_t kind = 0;               // ReportKind, 1..6
  uint16_t characteristics = 0;   // bit v-1 for Characteristic v; bit 9 "none / not sure" alone
  uint8_t source = 0;             // BehaviourSource, 1..5
};

std::string TableName(InsightTable table);  // "unit-total", ...
size_t Rows(InsightTable table, const UnitMap& map);
size_t Columns(InsightTable table);
std::string ColumnName(InsightTable table, size_t column);  // "" for one-column tables

// The cells (row * Columns + column) `report` counts in: one, or none for a
// department the map does not hold or a field out of its range (a tag that
// decoded but does not fit this map is dropped and counted, not guessed).
std::vector<size_t> CellsOf(InsightTable table, const UnitMap& map, const CountedReport& report);

// The most cells one report can move, each by one: the L1 sensitivity,
// found by running CellsOf over every value of the fields the table reads.
uint32_t L1Sensitivity(InsightTable table, const UnitMap& map);

// True counts. Each group is one report, or a linked group (same incident,
// duplicate) that counts once in each cell any of its reports is in.
std::vector<int64_t> CountTable(InsightTable table, const UnitMap& map,
                                const std::vector<std::vector<CountedReport>>& groups);

}  // namespace candour::core

#endif  // CANDOUR_CORE_INSIGHT_TABLES_H_
