// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/plan_override.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/epsilon.h"
#include "core/insight_tables.h"

namespace candour::core {
namespace {

std::optional<InsightTable> TableNamed(std::string_view name) {
  for (InsightTable table : kAllTables) {
    if (TableName(table) == name) return table;
  }
  return std::nullopt;
}

std::string TableNames() {
  std::vector<std::string> names;
  for (InsightTable table : kAllTables) names.push_back(TableName(table));
  return absl::StrJoin(names, ", ");
}

}  // namespace

absl::Status OverridePlannedRelease(std::string_view spec, YearPlan* plan) {
  const size_t equals = spec.find('=');
  if (equals == std::string_view::npos) {
    return absl::InvalidArgumentError("a table's epsilon looks like unit-total=0.5 or organisation-total:quarter=none");
  }
  std::string_view name = spec.substr(0, equals);
  const std::string_view value = spec.substr(equals + 1);
  std::optional<Granularity> granularity;
  if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
    const std::string_view which = name.substr(colon + 1);
    if (which == "year") {
      granularity = Granularity::kYear;
    } else if (which == "quarter") {
      granularity = Granularity::kQuarter;
    } else {
      return absl::InvalidArgumentError("a table is released each year or each quarter: :year or :quarter");
    }
    name = name.substr(0, colon);
  }
  const std::optional<InsightTable> table = TableNamed(name);
  if (!table.has_value()) return absl::InvalidArgumentError(absl::StrCat("the tables are ", TableNames()));
  const std::string table_name = TableName(*table);

  std::vector<PlannedRelease>& releases = plan->releases;
  auto matches = [&](const PlannedRelease& p) {
    return p.table == *table && (!granularity.has_value() || p.granularity == *granularity);
  };
  const auto planned = std::count_if(releases.begin(), releases.end(), matches);
  if (planned > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(table_name, " is planned each year and each quarter: name one, as ", table_name, ":quarter"));
  }
  if (value == "none") {
    if (planned == 0) return absl::InvalidArgumentError(absl::StrCat(table_name, " is not in the plan"));
    std::erase_if(releases, matches);
    return absl::OkStatus();
  }
  absl::StatusOr<noise::Fraction> epsilon = ParseEpsilon(value);
  if (!epsilon.ok()) return epsilon.status();
  if (planned == 1) {
    std::find_if(releases.begin(), releases.end(), matches)->epsilon = *epsilon;
    return absl::OkStatus();
  }
  if (!granularity.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(table_name, " is not in the plan: add it as ", table_name, ":year or ",
                                                   table_name, ":quarter"));
  }
  releases.push_back({*table, *granularity, *epsilon});
  // Keep the plan's order: by table, then year before quarter.
  std::sort(releases.begin(), releases.end(), [](const PlannedRelease& a, const PlannedRelease& b) {
    if (a.table != b.table) return a.table < b.table;
    return a.granularity < b.granularity;
  });
  return absl::OkStatus();
}

}  // namespace candour::core
