// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_tables.h"

#include <algorithm>
#include <bit>

namespace candour::core {
namespace {

constexpr uint8_t kKinds = 6;
constexpr uint8_t kSources = 5;
constexpr size_t kSingleCharacteristics = 9;
constexpr size_t kTwoOrMore = 9;   // column
constexpr size_t kNoneOrNotSure = 10;  // column
constexpr uint16_t kNoneBit = 1u << 9;
constexpr uint16_t kCharacteristicBits = 0x03FF;

const char* const kKindNames[] = {"discrimination", "harassment", "bullying", "victimisation", "bystander", "other"};
const char* const kCharacteristicNames[] = {
    "age", "disability", "gender-reassignment", "marriage-civil-partnership", "pregnancy-maternity", "race",
    "religion-belief", "sex", "sexual-orientation", "two-or-more", "none-or-not-sure"};
const char* const kSourceNames[] = {"manager", "colleague", "public", "contractor-agency", "other"};

// The characteristic column, or -1 for a set that is not a valid answer.
int CharacteristicColumn(uint16_t bits) {
  if (bits == 0 || (bits & ~kCharacteristicBits) != 0) return -1;
  if (bits & kNoneBit) return bits == kNoneBit ? static_cast<int>(kNoneOrNotSure) : -1;
  if (std::popcount(bits) > 1) return static_cast<int>(kTwoOrMore);
  return std::countr_zero(bits);
}

// The column, or -1 if the field it reads is out of range.
int ColumnOf(InsightTable table, const CountedReport& r) {
  switch (table) {
    case InsightTable::kDirectorateByKind:
      return r.kind >= 1 && r.kind <= kKinds ? r.kind - 1 : -1;
    case InsightTable::kDirectorateByCharacteristic:
      return CharacteristicColumn(r.characteristics);
    case InsightTable::kDirectorateBySource:
      return r.source >= 1 && r.source <= kSources ? r.source - 1 : -1;
    default:
      return 0;
  }
}

// The row, or -1 for a department outside the map.
int RowOf(InsightTable table, const UnitMap& map, uint32_t department_id) {
  auto unit = map.unit_of.find(department_id);
  if (unit == map.unit_of.end()) return -1;
  switch (table) {
    case InsightTable::kUnitTotal:
      return static_cast<int>(unit->second);
    case InsightTable::kOrganisationTotal:
      return 0;
    default: {
      const std::string& group = map.units[unit->second].directorate;
      auto it = std::lower_bound(map.directorates.begin(), map.directorates.end(), group);
      return static_cast<int>(it - map.directorates.begin());
    }
  }
}

}  // namespace

std::string TableName(InsightTable table) {
  switch (table) {
    case InsightTable::kUnitTotal: return "unit-total";
    case InsightTable::kDirectorateTotal: return "directorate-total";
    case InsightTable::kDirectorateByKind: return "directorate-by-kind";
    case InsightTable::kDirectorateByCharacteristic: return "directorate-by-characteristic";
    case InsightTable::kDirectorateBySource: return "directorate-by-source";
    case InsightTable::kOrganisationTotal: return "organisation-total";
  }
  return "unknown";
}

size_t Rows(InsightTable table, const UnitMap& map) {
  switch (table) {
    case InsightTable::kUnitTotal: return map.units.size();
    case InsightTable::kOrganisationTotal: return 1;
    default: return map.directorates.size();
  }
}

size_t Columns(InsightTable table) {
  switch (table) {
    case InsightTable::kDirectorateByKind: return kKinds;
    case InsightTable::kDirectorateByCharacteristic: return kSingleCharacteristics + 2;
    case InsightTable::kDirectorateBySource: return kSources;
    default: return 1;
  }
}

std::string ColumnName(InsightTable table, size_t column) {
  if (column >= Columns(table)) return "";
  switch (table) {
    case InsightTable::kDirectorateByKind: return kKindNames[column];
    case InsightTable::kDirectorateByCharacteristic: return kCharacteristicNames[column];
    case InsightTable::kDirectorateBySource: return kSourceNames[column];
    default: return "";
  }
}

std::vector<size_t> CellsOf(InsightTable table, const UnitMap& map, const CountedReport& report) {
  const int row = RowOf(table, map, report.department_id);
  const int column = ColumnOf(table, report);
  // Every table checks every field, so a report counts in all tables or in
  // none: one malformed tag cannot make the tables disagree on the total.
  bool valid = row >= 0 && column >= 0;
  for (InsightTable other : kAllTables) valid = valid && ColumnOf(other, report) >= 0;
  if (!valid) return {};
  return {static_cast<size_t>(row) * Columns(table) + static_cast<size_t>(column)};
}

uint32_t L1Sensitivity(InsightTable table, const UnitMap& map) {
  // A cell is a row (from the department alone) and a column (from the
  // other fields alone), so the most cells one report can reach is the most
  // rows one department can reach times the most columns the other fields
  // can: enumerated separately, each department (and one outside the map),
  // and every kind, source and characteristic set, out-of-range values too.
  const CountedReport valid{0, 1, 1, 1};
  size_t rows = 0;
  std::vector<uint32_t> departments = {0};
  for (const auto& [id, unit] : map.unit_of) departments.push_back(id);
  for (uint32_t department : departments) {
    rows = std::max<size_t>(rows, RowOf(table, map, department) >= 0 ? 1 : 0);
  }
  size_t columns = 0;
  for (int kind = 0; kind <= kKinds + 1; ++kind) {
    for (uint32_t bits = 0; bits <= (kCharacteristicBits | 0x0400u); ++bits) {
      for (int source = 0; source <= kSources + 1; ++source) {
        CountedReport r = valid;
        r.kind = static_cast<uint8_t>(kind);
        r.characteristics = static_cast<uint16_t>(bits);
        r.source = static_cast<uint8_t>(source);
        bool counted = true;
        for (InsightTable other : kAllTables) counted = counted && ColumnOf(other, r) >= 0;
        columns = std::max<size_t>(columns, counted && ColumnOf(table, r) >= 0 ? 1 : 0);
      }
    }
  }
  return static_cast<uint32_t>(rows * columns);
}

std::vector<int64_t> CountTable(InsightTable table, const UnitMap& map,
                                const std::vector<std::vector<CountedReport>>& groups) {
  std::vector<int64_t> cells(Rows(table, map) * Columns(table), 0);
  std::vector<size_t> touched;
  for (const std::vector<CountedReport>& group : groups) {
    touched.clear();
    for (const CountedReport& report : group) {
      for (size_t cell : CellsOf(table, map, report)) touched.push_back(cell);
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (size_t cell : touched) ++cells[cell];
  }
  return cells;
}

}  // namespace candour::core
