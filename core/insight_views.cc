// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/insight_views.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/funnel.h"
#include "core/insight_release.h"
#include "core/insight_tables.h"
#include "core/noise/discrete_laplace.h"
#include "core/noise_interval.h"
#include "core/noise_status_adapter.h"
#include "core/period.h"
#include "core/trend.h"

namespace candour::core {
namespace {

using candour::v1::InsightTableId;
using candour::v1::TableHeader;

// Points on each funnel curve: enough for a smooth line at any chart size.
constexpr int kCurvePoints = 40;

const TableHeader* HeaderOf(const candour::v1::Release& release, InsightTableId id) {
  for (const TableHeader& header : release.tables()) {
    if (header.table() == id) return &header;
  }
  return nullptr;
}

struct TableNoise {
  noise::Fraction epsilon;
  noise::Fraction scale;
  int64_t half_width = 0;
};

absl::StatusOr<TableNoise> NoiseOf(const TableHeader& header) {
  absl::StatusOr<noise::Fraction> epsilon = EpsilonFromProto(header.epsilon());
  if (!epsilon.ok()) return epsilon.status();
  absl::StatusOr<noise::Fraction> scale = TableNoiseScale(header.sensitivity(), *epsilon);
  if (!scale.ok()) return scale.status();
  absl::StatusOr<int64_t> half_width = NinetyPercentHalfWidth(*scale, 1);
  if (!half_width.ok()) return half_width.status();
  return TableNoise{*epsilon, *scale, *half_width};
}

// The one column of a one-column table, checked to have `rows` cells.
absl::StatusOr<const std::vector<int64_t>*> OnlyColumn(const ReleasedCells& cells, InsightTableId id, size_t rows) {
  auto it = cells.find({id, 0});
  if (it == cells.end()) {
    return absl::FailedPreconditionError(absl::StrCat("the release has no ", TableName(*TableFromId(id)), " table"));
  }
  if (it->second.size() != rows) return absl::InvalidArgumentError("a released column does not have one cell per row");
  return &it->second;
}

candour::v1::TableRow RowOf(InsightTable table, const UnitMap& map, size_t row) {
  candour::v1::TableRow out;
  switch (table) {
    case InsightTable::kUnitTotal:
      out.set_name(map.units[row].name);
      out.set_directorate(map.units[row].directorate);
      out.set_unit_id(map.units[row].id);
      break;
    case InsightTable::kOrganisationTotal:
      out.set_name("Organisation");
      break;
    default:
      out.set_name(map.directorates[row]);
      break;
  }
  return out;
}

candour::v1::RateBand RateBandOf(const FunnelBand& band) {
  candour::v1::RateBand out;
  out.set_lower(band.lower);
  out.set_upper(band.upper);
  return out;
}

candour::v1::HotspotFlag FlagOf(FunnelFlag flag) {
  switch (flag) {
    case FunnelFlag::kRed:
      return candour::v1::HOTSPOT_FLAG_RED;
    case FunnelFlag::kAmber:
      return candour::v1::HOTSPOT_FLAG_AMBER;
    case FunnelFlag::kNone:
      break;
  }
  return candour::v1::HOTSPOT_FLAG_NONE;
}

// The curve's headcounts: geometric from the smallest unit to the largest,
// where funnel limits change fastest at the small end.
std::vector<uint32_t> CurveHeadcounts(uint32_t smallest, uint32_t largest) {
  std::vector<uint32_t> out;
  const double ratio = std::pow(static_cast<double>(largest) / smallest, 1.0 / (kCurvePoints - 1));
  double h = smallest;
  for (int i = 0; i < kCurvePoints; ++i, h *= ratio) {
    const uint32_t rounded = i == kCurvePoints - 1 ? largest : static_cast<uint32_t>(std::lround(h));
    if (out.empty() || rounded > out.back()) out.push_back(rounded);
  }
  return out;
}

// A CSV field: quoted when it holds a separator, quote or line end; text a
// spreadsheet would run as a formula gets a leading apostrophe.
std::string CsvText(const std::string& text) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  const std::string field = formula ? absl::StrCat("'", text) : text;
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
}

}  // namespace

absl::StatusOr<ReleasedCells> CellsOfColumns(
    const google::protobuf::RepeatedPtrField<candour::v1::ReleasedColumn>& columns) {
  ReleasedCells cells;
  for (const candour::v1::ReleasedColumn& column : columns) {
    auto [it, inserted] = cells.try_emplace({column.table(), column.column()});
    if (!inserted) return absl::InvalidArgumentError("a released column is given twice");
    it->second.assign(column.cells().begin(), column.cells().end());
  }
  return cells;
}

absl::StatusOr<noise::Fraction> TableNoiseScale(uint32_t sensitivity, noise::Fraction epsilon) {
  const noise::FractionResult scale = noise::NoiseScale(sensitivity, epsilon);
  if (absl::Status s = NoiseStatusToStatus(scale.status, "noise scale sensitivity/epsilon"); !s.ok()) return s;
  return scale.value;
}

candour::v1::NoisyValue NoisyValueOf(int64_t value, int64_t half_width) {
  // Saturating: a cell near the int64 limits (never a real count) must not
  // wrap into a nonsense interval.
  int64_t lower = 0;
  int64_t upper = 0;
  if (__builtin_sub_overflow(value, half_width, &lower)) lower = std::numeric_limits<int64_t>::min();
  if (__builtin_add_overflow(value, half_width, &upper)) upper = std::numeric_limits<int64_t>::max();
  candour::v1::NoisyValue out;
  out.set_value(value);
  out.set_shown(std::max<int64_t>(0, value));
  out.set_lower(std::max<int64_t>(0, lower));
  // Never below the half-width: a value pulled far below zero by noise says
  // "few, if any", not "certainly none" (its exact interval would be empty).
  out.set_upper(std::max<int64_t>(half_width, upper));
  return out;
}

absl::StatusOr<std::vector<candour::v1::TableView>> BuildTableViews(const ReleaseForView& release) {
  std::vector<candour::v1::TableView> views;
  for (const TableHeader& header : release.release->tables()) {
    const std::optional<InsightTable> table = TableFromId(header.table());
    if (!table.has_value()) return absl::InvalidArgumentError("a release header names an unknown table");
    auto first = release.cells->lower_bound({header.table(), 0});
    auto last = release.cells->lower_bound({header.table() + 1, 0});
    if (first == last) continue;
    absl::StatusOr<TableNoise> noise = NoiseOf(header);
    if (!noise.ok()) return noise.status();

    candour::v1::TableView& view = views.emplace_back();
    view.set_period(release.release->period());
    view.set_table(header.table());
    view.set_table_name(TableName(*table));
    *view.mutable_epsilon() = header.epsilon();
    view.set_sensitivity(header.sensitivity());
    view.set_half_width(static_cast<uint64_t>(noise->half_width));
    for (size_t row = 0; row < header.rows(); ++row) *view.add_rows() = RowOf(*table, *release.map, row);
    for (auto it = first; it != last; ++it) {
      if (it->first.second >= header.columns() || it->second.size() != header.rows()) {
        return absl::InvalidArgumentError("a released column does not fit its table");
      }
      view.add_columns(it->first.second);
      view.add_column_names(ColumnName(*table, it->first.second));
    }
    for (size_t row = 0; row < header.rows(); ++row) {
      for (auto it = first; it != last; ++it) *view.add_cells() = NoisyValueOf(it->second[row], noise->half_width);
    }
  }
  return views;
}

absl::StatusOr<candour::v1::HotspotView> BuildHotspotView(const ReleaseForView& year_release) {
  const candour::v1::Release& release = *year_release.release;
  const UnitMap& map = *year_release.map;
  absl::StatusOr<Period> year = ParsePeriod(release.period());
  if (!year.ok() || year->quarter != 0) return absl::FailedPreconditionError("hotspots are drawn for a year's release");
  const TableHeader* unit_header = HeaderOf(release, candour::v1::INSIGHT_TABLE_UNIT_TOTAL);
  const TableHeader* organisation_header = HeaderOf(release, candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL);
  if (unit_header == nullptr || organisation_header == nullptr) {
    return absl::FailedPreconditionError("hotspots need the year's unit and organisation totals");
  }
  absl::StatusOr<const std::vector<int64_t>*> unit_cells =
      OnlyColumn(*year_release.cells, candour::v1::INSIGHT_TABLE_UNIT_TOTAL, map.units.size());
  if (!unit_cells.ok()) return unit_cells.status();
  absl::StatusOr<const std::vector<int64_t>*> organisation_cells =
      OnlyColumn(*year_release.cells, candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL, 1);
  if (!organisation_cells.ok()) return organisation_cells.status();
  absl::StatusOr<TableNoise> unit_noise = NoiseOf(*unit_header);
  if (!unit_noise.ok()) return unit_noise.status();
  absl::StatusOr<TableNoise> organisation_noise = NoiseOf(*organisation_header);
  if (!organisation_noise.ok()) return organisation_noise.status();

  FunnelInput input;
  for (size_t i = 0; i < map.units.size(); ++i) {
    input.units.push_back({map.units[i].id, map.units[i].headcount, (**unit_cells)[i]});
    input.organisation_headcount += map.units[i].headcount;
  }
  input.organisation_noisy_total = (**organisation_cells)[0];
  input.unit_noise_scale = unit_noise->scale;
  input.organisation_noise_scale = organisation_noise->scale;
  absl::StatusOr<Funnel> funnel = BuildFunnel(input);
  if (!funnel.ok()) return funnel.status();

  candour::v1::HotspotView view;
  view.set_year(year->name);
  view.set_release_sequence(year_release.sequence);
  *view.mutable_organisation_reports() = NoisyValueOf(input.organisation_noisy_total, organisation_noise->half_width);
  view.set_organisation_headcount(input.organisation_headcount);
  view.set_organisation_rate(funnel->organisation_rate);
  view.set_rate_clamped(funnel->rate_clamped);
  view.set_phi(funnel->phi);
  view.set_overdispersion_p_value(funnel->overdispersion_p_value);
  view.set_negative_binomial(funnel->negative_binomial);
  uint32_t smallest = std::numeric_limits<uint32_t>::max();
  uint32_t largest = 0;
  for (size_t i = 0; i < map.units.size(); ++i) {
    const FunnelPoint& point = funnel->points[i];
    candour::v1::HotspotUnit& unit = *view.add_units();
    unit.set_unit_id(map.units[i].id);
    unit.set_name(map.units[i].name);
    unit.set_directorate(map.units[i].directorate);
    unit.set_headcount(point.headcount);
    *unit.mutable_reports() = NoisyValueOf(point.noisy_count, unit_noise->half_width);
    unit.set_rate(point.rate);
    unit.set_expected(point.limits.expected);
    unit.set_z_score(point.z_score);
    *unit.mutable_amber() = RateBandOf(point.limits.amber_rate);
    *unit.mutable_red() = RateBandOf(point.limits.red_rate);
    unit.set_flag(FlagOf(point.flag));
    smallest = std::min(smallest, point.headcount);
    largest = std::max(largest, point.headcount);
  }
  for (const uint32_t headcount : CurveHeadcounts(smallest, largest)) {
    absl::StatusOr<FunnelLimits> limits = LimitsFor(funnel->model, headcount);
    if (!limits.ok()) return limits.status();
    candour::v1::FunnelCurvePoint& point = *view.add_curve();
    point.set_headcount(headcount);
    *point.mutable_amber() = RateBandOf(limits->amber_rate);
    *point.mutable_red() = RateBandOf(limits->red_rate);
  }
  return view;
}

absl::StatusOr<std::vector<candour::v1::TrendSeries>> BuildTrends(const std::vector<ReleaseForView>& quarters) {
  struct Quarter {
    Period period;
    const ReleaseForView* release;
  };
  std::vector<Quarter> ordered;
  for (const ReleaseForView& release : quarters) {
    absl::StatusOr<Period> period = ParsePeriod(release.release->period());
    if (!period.ok() || period->quarter == 0) return absl::InvalidArgumentError("trends are drawn from quarters");
    ordered.push_back({*period, &release});
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const Quarter& a, const Quarter& b) { return a.period.first_day < b.period.first_day; });
  for (size_t i = 1; i < ordered.size(); ++i) {
    if (ordered[i].period.name == ordered[i - 1].period.name) {
      return absl::InvalidArgumentError("a quarter is given twice");
    }
  }

  struct Series {
    candour::v1::TrendSeries series;
    TrendInput input;
  };
  std::map<std::string, Series> by_directorate;
  for (const Quarter& quarter : ordered) {
    const UnitMap& map = *quarter.release->map;
    const TableHeader* header = HeaderOf(*quarter.release->release, candour::v1::INSIGHT_TABLE_DIRECTORATE_TOTAL);
    if (header == nullptr) continue;
    absl::StatusOr<const std::vector<int64_t>*> cells =
        OnlyColumn(*quarter.release->cells, candour::v1::INSIGHT_TABLE_DIRECTORATE_TOTAL, map.directorates.size());
    if (!cells.ok()) return cells.status();
    absl::StatusOr<TableNoise> noise = NoiseOf(*header);
    if (!noise.ok()) return noise.status();
    for (size_t row = 0; row < map.directorates.size(); ++row) {
      Series& series = by_directorate[map.directorates[row]];
      candour::v1::TrendPoint& point = *series.series.add_points();
      point.set_period(quarter.period.name);
      *point.mutable_total() = NoisyValueOf((**cells)[row], noise->half_width);
      series.input.noisy_totals.push_back((**cells)[row]);
      if (noise::Compare(noise->scale, series.input.noise_scale) > 0) series.input.noise_scale = noise->scale;
    }
  }

  std::vector<candour::v1::TrendSeries> out;
  for (auto& [directorate, series] : by_directorate) {
    candour::v1::TrendSeries& view = out.emplace_back(std::move(series.series));
    view.set_directorate(directorate);
    view.set_few_points(view.points_size() < kFewTrendPoints);
    if (view.points_size() < 2) continue;  // no moving range: nothing to draw limits from
    absl::StatusOr<XmrChart> chart = BuildXmrChart(series.input);
    if (!chart.ok()) return chart.status();
    view.set_noise_sd(chart->noise_sd);
    view.set_centre(chart->centre);
    view.set_shown(chart->shown);
    if (!chart->shown) continue;
    view.set_upper_limit(chart->upper_limit);
    view.set_lower_limit(chart->lower_limit);
    for (int i = 0; i < view.points_size(); ++i) {
      view.mutable_points(i)->set_outside_limits(chart->points[i].outside_limits);
      view.mutable_points(i)->set_in_run(chart->points[i].in_run);
    }
  }
  return out;
}

std::string TablesCsv(const std::vector<candour::v1::TableView>& tables) {
  std::string csv =
      "period,table,epsilon,sensitivity,row,directorate,column,value,shown,interval_90_lower,interval_90_upper\r\n";
  for (const candour::v1::TableView& table : tables) {
    const std::string epsilon = absl::StrCat(table.epsilon().numerator(), "/", table.epsilon().denominator());
    const int columns = table.columns_size();
    for (int row = 0; row < table.rows_size(); ++row) {
      for (int column = 0; column < columns; ++column) {
        const candour::v1::NoisyValue& cell = table.cells(row * columns + column);
        absl::StrAppend(&csv, CsvText(table.period()), ",", table.table_name(), ",", epsilon, ",",
                        table.sensitivity(), ",", CsvText(table.rows(row).name()), ",",
                        CsvText(table.rows(row).directorate()), ",", CsvText(table.column_names(column)), ",",
                        cell.value(), ",", cell.shown(), ",", cell.lower(), ",", cell.upper(), "\r\n");
      }
    }
  }
  return csv;
}

}  // namespace candour::core
