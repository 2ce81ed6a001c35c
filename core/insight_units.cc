// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_units.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

using candour::v1::Department;

// Directorate groups: merged names and their departments.
struct Group {
  std::string name;
  std::vector<const Department*> departments;
  uint64_t headcount = 0;
};

uint64_t Headcount(const std::vector<const Department*>& departments) {
  uint64_t total = 0;
  for (const Department* d : departments) total += d->headcount();
  return total;
}

// Step 1: merges the smallest directorate under the minimum into the
// smallest other one until none is under it (or one is left).
std::vector<Group> DirectorateGroups(const std::vector<Department>& departments) {
  std::map<std::string, std::vector<const Department*>> by_name;
  for (const Department& d : departments) by_name[d.directorate()].push_back(&d);
  std::vector<Group> groups;
  for (auto& [name, members] : by_name) groups.push_back({name, members, Headcount(members)});
  const auto smaller = [](const Group& a, const Group& b) {
    return std::tie(a.headcount, a.name) < std::tie(b.headcount, b.name);
  };
  while (groups.size() > 1) {
    auto smallest = std::min_element(groups.begin(), groups.end(), smaller);
    if (smallest->headcount >= kMinUnitHeadcount) break;
    Group merging = std::move(*smallest);
    groups.erase(smallest);
    Group& into = *std::min_element(groups.begin(), groups.end(), smaller);
    into.name = std::min(into.name, merging.name) + " + " + std::max(into.name, merging.name);
    into.departments.insert(into.departments.end(), merging.departments.begin(), merging.departments.end());
    into.headcount += merging.headcount;
  }
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.name < b.name; });
  return groups;
}

InsightUnit UnitOf(const std::vector<const Department*>& members, std::string name, const std::string& directorate) {
  InsightUnit unit;
  unit.name = std::move(name);
  unit.directorate = directorate;
  for (const Department* d : members) {
    unit.department_ids.push_back(d->id());
    unit.headcount += d->headcount();
  }
  std::sort(unit.department_ids.begin(), unit.department_ids.end());
  unit.id = unit.department_ids.front();
  return unit;
}

// Steps 2 and 3, for one directorate group.
std::vector<InsightUnit> GroupUnits(const Group& group) {
  std::vector<InsightUnit> units;
  std::vector<const Department*> small;
  for (const Department* d : group.departments) {
    if (d->headcount() >= kMinUnitHeadcount) {
      units.push_back(UnitOf({d}, d->name(), group.name));
    } else {
      small.push_back(d);
    }
  }
  if (!small.empty()) {
    InsightUnit teams = UnitOf(small, "Small teams", group.name);
    if (teams.headcount >= kMinUnitHeadcount || units.empty()) {
      units.push_back(std::move(teams));
    } else {
      InsightUnit& into = *std::min_element(units.begin(), units.end(), [](const InsightUnit& a, const InsightUnit& b) {
        return std::tie(a.headcount, a.id) < std::tie(b.headcount, b.id);
      });
      into.name = absl::StrCat(into.name, " and small teams");
      into.headcount += teams.headcount;
      into.department_ids.insert(into.department_ids.end(), teams.department_ids.begin(), teams.department_ids.end());
      std::sort(into.department_ids.begin(), into.department_ids.end());
      into.id = into.department_ids.front();
    }
  }
  std::sort(units.begin(), units.end(), [](const InsightUnit& a, const InsightUnit& b) { return a.id < b.id; });
  return units;
}

}  // namespace

absl::StatusOr<UnitMap> BuildUnitMap(const std::vector<Department>& departments) {
  std::set<uint32_t> seen;
  uint64_t total = 0;
  for (const Department& d : departments) {
    if (d.id() == 0) return absl::InvalidArgumentError("department id 0");
    if (!seen.insert(d.id()).second) return absl::InvalidArgumentError(absl::StrCat("department ", d.id(), " twice"));
    total += d.headcount();
  }
  if (total < kMinUnitHeadcount) {
    return absl::FailedPreconditionError(absl::StrCat("the directory's departments have ", total,
                                                      " staff in all, under the ", kMinUnitHeadcount,
                                                      " any released count must cover"));
  }
  UnitMap map;
  for (const Group& group : DirectorateGroups(departments)) {
    map.directorates.push_back(group.name);
    for (InsightUnit& unit : GroupUnits(group)) map.units.push_back(std::move(unit));
  }
  for (size_t i = 0; i < map.units.size(); ++i) {
    for (uint32_t id : map.units[i].department_ids) map.unit_of[id] = i;
  }
  return map;
}

}  // namespace candour::core
