// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Insights' counting units (docs/INSIGHTS.md, "Units"). A released count is
// never about a group of fewer than kMinUnitHeadcount staff by the
// directory's headcounts (never by report data, which would make the map
// itself depend on who reported):
//   1. A directorate under the minimum joins the smallest other directorate
//      (ties by name), repeatedly, so every directorate group is at least
//      the minimum; the organisation as a whole must be.
//   2. Within a directorate group, each department at or over the minimum is
//      its own unit, and the departments under it together form one
//      "small teams" unit.
//   3. A small-teams unit still under the minimum joins the group's smallest
//      other unit (ties by lowest department id).
// The map depends only on the set of departments, not their order. Units are
// named by the lowest department id in them, which is stable while the
// membership is. Stateless and thread-safe.
#ifndef CANDOUR_CORE_INSIGHT_UNITS_H_
#define CANDOUR_CORE_INSIGHT_UNITS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"

namespace candour::core {

inline constexpr uint32_t kMinUnitHeadcount = 11;

struct InsightUnit {
  uint32_t id = 0;                       // the lowest department id in it
  std::string name;                      // for people: "Maternity", "Small teams"...
  std::string directorate;               // its directorate group's name
  uint32_t headcount = 0;
  std::vector<uint32_t> department_ids;  // ascending
};

struct UnitMap {
  std::vector<InsightUnit> units;         // by directorate group, then id
  std::vector<std::string> directorates;  // the groups, by name
  std::map<uint32_t, size_t> unit_of;     // department id -> index in units
};

// INVALID_ARGUMENT for a department id 0 or given twice; FAILED_PRECONDITION
// if the organisation's total headcount is under the minimum (nothing can
// be released about it).
absl::StatusOr<UnitMap> BuildUnitMap(const std::vector<candour::v1::Department>& departments);

}  // namespace candour::core

#endif  // CANDOUR_CORE_INSIGHT_UNITS_H_
