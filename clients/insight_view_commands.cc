// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour insights hotspots|trend|export`: what HR, staff networks, staff
// sides and Guardians read. Each view is computed here, by core/
// insight_views.h, from releases this client verified (clients/
// insights_access.h): the server's view RPCs run the same code for the
// browser, but the CLI takes no figure on the server's word.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/commands.h"
#include "clients/insights_access.h"
#include "clients/insights_reader.h"
#include "clients/text_table.h"
#include "core/insight_views.h"
#include "core/period.h"

namespace candour::clients {
namespace {

constexpr char kHotspotsHelp[] = R"(Usage: candour insights hotspots --year YYYY-YY --account NAME [--passphrase-file FILE]

Shows the year's department hotspots: each unit's reports per 100 staff
against funnel limits around the organisation's rate. RED marks a unit above
the 99.8% limit, AMBER above the 95% limit; the most unusual come first.
Units are departments, with those under 11 staff merged (docs/INSIGHTS.md).
)";

constexpr char kTrendHelp[] = R"(Usage: candour insights trend --account NAME [--directorate NAME] [--passphrase-file FILE]

Shows each directorate's reports quarter by quarter, oldest first, with XmR
limits and the run-of-seven rule. Limits are drawn only where there are
enough reports for the noise not to swamp them.
)";

constexpr char kExportHelp[] = R"(Usage: candour insights export --period PERIOD --account NAME [--out FILE] [--passphrase-file FILE]

Writes every table of a released period that your role may see as CSV: one
line per cell with the period, table, epsilon, sensitivity, the noisy value
(negatives kept), the value shown (never below 0) and the 90% interval.
Writes to standard output, or to a new FILE (an existing one is left alone).
)";

core::ReleaseForView ForView(const ReadRelease& read) {
  return {&read.release, &read.map, &read.columns, read.sequence};
}

std::string Interval(const candour::v1::NoisyValue& v) { return absl::StrCat(v.lower(), "-", v.upper()); }
std::string Rate(double rate) { return absl::StrFormat("%.1f", rate); }

int Severity(candour::v1::HotspotFlag flag) {
  return flag == candour::v1::HOTSPOT_FLAG_RED ? 2 : flag == candour::v1::HOTSPOT_FLAG_AMBER ? 1 : 0;
}

void PrintHotspots(const candour::v1::HotspotView& view) {
  std::printf("Department hotspots, %s (release in ledger entry %llu)\n", view.year().c_str(),
              static_cast<unsigned long long>(view.release_sequence()));
  std::printf("Organisation: %lld reports (90%% interval %s) among %llu staff: %s per 100 staff a year%s.\n",
              static_cast<long long>(view.organisation_reports().shown()), Interval(view.organisation_reports()).c_str(),
              static_cast<unsigned long long>(view.organisation_headcount()), Rate(view.organisation_rate()).c_str(),
              view.rate_clamped() ? " (the released total was 0 or below, so limits assume half a report)" : "");
  if (view.negative_binomial()) {
    std::printf("Units vary more than chance alone would make them (phi %.2f), so the limits are widened.\n", view.phi());
  }
  std::vector<const candour::v1::HotspotUnit*> units;
  for (const candour::v1::HotspotUnit& unit : view.units()) units.push_back(&unit);
  std::stable_sort(units.begin(), units.end(), [](const auto* a, const auto* b) {
    if (Severity(a->flag()) != Severity(b->flag())) return Severity(a->flag()) > Severity(b->flag());
    return a->z_score() > b->z_score();
  });
  TextTable table({{"FLAG"}, {"UNIT"}, {"DIRECTORATE"}, {"STAFF", true}, {"REPORTS", true}, {"90% INTERVAL", true},
                   {"PER 100", true}, {"AMBER ABOVE", true}, {"RED ABOVE", true}});
  for (const candour::v1::HotspotUnit* unit : units) {
    table.AddRow({unit->flag() == candour::v1::HOTSPOT_FLAG_RED     ? "RED"
                  : unit->flag() == candour::v1::HOTSPOT_FLAG_AMBER ? "AMBER"
                                                                    : "",
                  unit->name(), unit->directorate(), absl::StrCat(unit->headcount()),
                  absl::StrCat(unit->reports().shown()), Interval(unit->reports()), Rate(std::max(0.0, unit->rate())),
                  Rate(unit->amber().upper()), Rate(unit->red().upper())});
  }
  std::printf("\n%s\n\n%s\n", table.Render().c_str(), core::kNoiseNote);
}

void PrintTrend(const candour::v1::TrendSeries& series) {
  std::string heading = series.directorate();
  if (series.shown()) {
    absl::StrAppend(&heading, absl::StrFormat(" (centre %.1f, limits %.1f to %.1f)", series.centre(),
                                              std::max(0.0, series.lower_limit()), series.upper_limit()));
  }
  std::printf("%s\n", heading.c_str());
  if (!series.shown()) {
    std::printf("  Too few reports for a trend: the noise would hide any change.\n");
  } else if (series.few_points()) {
    std::printf("  Fewer than 12 quarters: the limits are provisional.\n");
  }
  TextTable table({{"  QUARTER"}, {"REPORTS", true}, {"90% INTERVAL", true}, {""}});
  for (const candour::v1::TrendPoint& point : series.points()) {
    std::string mark = point.outside_limits() ? "outside the limits" : "";
    if (point.in_run()) absl::StrAppend(&mark, mark.empty() ? "" : "; ", "in a run of 7 or more on one side");
    table.AddRow({absl::StrCat("  ", point.period()), absl::StrCat(point.total().shown()), Interval(point.total()), mark});
  }
  std::printf("%s\n\n", table.Render().c_str());
}

// Writes `text` to a file that must not exist yet.
absl::Status WriteNewFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return WithHint(absl::AlreadyExistsError(absl::StrCat("cannot create ", path)), "choose a new --out file");
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == text.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return absl::InternalError(absl::StrCat("could not write ", path));
  return absl::OkStatus();
}

}  // namespace

absl::Status RunInsightsHotspots(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"year", "account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kHotspotsHelp, stdout), absl::OkStatus();
  absl::StatusOr<core::Period> year = core::ParsePeriod(args->Get("year"));
  if (!year.ok() || year->quarter != 0) {
    return WithHint(absl::InvalidArgumentError("--year must be a financial year"), "for example --year 2026-27");
  }
  return WithVerifiedLedger(*args, globals, [&](Session& connection, InsightsClient& insights, const VerifiedLedger& ledger) {
    absl::StatusOr<ReadRelease> read = FetchRelease(connection, insights, ledger, year->name);
    if (!read.ok()) return read.status();
    absl::StatusOr<candour::v1::HotspotView> view = core::BuildHotspotView(ForView(*read));
    if (!view.ok()) return view.status();
    PrintHotspots(*view);
    return absl::OkStatus();
  });
}

absl::Status RunInsightsTrend(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"directorate", "account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kTrendHelp, stdout), absl::OkStatus();
  return WithVerifiedLedger(*args, globals, [&](Session& connection, InsightsClient& insights, const VerifiedLedger& ledger) {
    std::vector<ReadRelease> reads;
    for (const VerifiedLedgerEntry& entry : ledger.entries()) {
      if (!entry.entry.has_release()) continue;
      absl::StatusOr<core::Period> period = core::ParsePeriod(entry.entry.release().period());
      if (!period.ok() || period->quarter == 0) continue;
      absl::StatusOr<ReadRelease> read = FetchRelease(connection, insights, ledger, period->name);
      if (!read.ok()) return read.status();
      reads.push_back(*std::move(read));
    }
    std::vector<core::ReleaseForView> quarters;
    for (const ReadRelease& read : reads) quarters.push_back(ForView(read));
    absl::StatusOr<std::vector<candour::v1::TrendSeries>> trends = core::BuildTrends(quarters);
    if (!trends.ok()) return trends.status();
    const std::string only = args->Get("directorate");
    bool any = false;
    for (const candour::v1::TrendSeries& series : *trends) {
      if (!only.empty() && series.directorate() != only) continue;
      PrintTrend(series);
      any = true;
    }
    if (!any) {
      std::fputs(only.empty() ? "No quarter has been released yet.\n" : "No released quarter names that directorate.\n",
                 stdout);
      return absl::OkStatus();
    }
    std::printf("%s\n", core::kNoiseNote);
    return absl::OkStatus();
  });
}

absl::Status RunInsightsExport(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"period", "out", "account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kExportHelp, stdout), absl::OkStatus();
  absl::StatusOr<core::Period> period = core::ParsePeriod(args->Get("period"));
  if (!period.ok()) {
    return WithHint(absl::InvalidArgumentError("--period must be a financial year or quarter"),
                    "for example --period 2026-27 or --period 2026-27Q3");
  }
  return WithVerifiedLedger(*args, globals, [&](Session& connection, InsightsClient& insights, const VerifiedLedger& ledger) {
    absl::StatusOr<ReadRelease> read = FetchRelease(connection, insights, ledger, period->name);
    if (!read.ok()) return read.status();
    absl::StatusOr<std::vector<candour::v1::TableView>> tables = core::BuildTableViews(ForView(*read));
    if (!tables.ok()) return tables.status();
    const std::string csv = core::TablesCsv(*tables);
    if (!args->Has("out")) return std::fputs(csv.c_str(), stdout), absl::OkStatus();
    if (absl::Status s = WriteNewFile(args->Get("out"), csv); !s.ok()) return s;
    std::fprintf(stderr, "Wrote %zu tables of %s to %s.\n", tables->size(), period->name.c_str(),
                 args->Get("out").c_str());
    return absl::OkStatus();
  });
}

}  // namespace candour::clients
