// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// How fast the server serves the insights views (docs/PERFORMANCE.md,
// "Insights: serving views"): a real candourd (RocksDB in a temp dir, gRPC
// on 127.0.0.1) holding a year's release over --units units and four
// quarters, read by an HR account. Prints the time to compute the hotspot
// view once (what the CLI pays, and the server's first call), then p50 / p99
// / max of warm GetHotspots, GetTables and GetTrends calls, each audited as
// in production. The stored release is written straight into the ledger
// column family (views read only stored releases; publishing's checks are
// measured elsewhere), with Poisson-like counts at 5 per 100 staff plus the
// real noise stage. Not a test: it prints figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "candour/v1/records.pb.h"
#include "clients/insights_client.h"
#include "core/budget_ledger.h"
#include "core/insight_noise.h"
#include "core/insight_release.h"
#include "core/insight_tables.h"
#include "core/insight_views.h"
#include "crypto/sodium_random_source.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::vector<candour::v1::Department> Departments(int units, std::mt19937& random) {
  std::uniform_int_distribution<uint32_t> headcount(11, 200);
  std::vector<candour::v1::Department> out;
  for (int i = 0; i < units; ++i) {
    candour::v1::Department& d = out.emplace_back();
    d.set_id(static_cast<uint32_t>(i + 1));
    d.set_name(absl::StrCat("Department ", i + 1));
    d.set_directorate(absl::StrCat("Directorate ", i % 15 + 1));
    d.set_headcount(headcount(random));
  }
  return out;
}

// A release of `period` with the default plan's tables over `map`, its
// cells true counts (rate 5 per 100 staff a year, scaled to the period)
// plus real noise.
candour::v1::StoredLedgerEntry MakeStored(const core::Period& period, const core::UnitMap& map, uint64_t sequence,
                                          std::mt19937& random) {
  candour::v1::LedgerEntry entry;
  entry.set_sequence(sequence);
  candour::v1::Release& release = *entry.mutable_release();
  release.set_period(period.name);
  core::SetUnits(map, &release);
  candour::v1::StoredLedgerEntry stored;
  const double share = period.quarter == 0 ? 1.0 : 0.25;
  for (const core::PlannedTable& p : core::PlannedTablesFor(core::DefaultPlan(period.start_year), period)) {
    const size_t rows = core::Rows(p.table, map), columns = core::Columns(p.table);
    candour::v1::TableHeader& header = *release.add_tables();
    header.set_table(core::TableId(p.table));
    *header.mutable_epsilon() = core::EpsilonToProto(p.epsilon);
    header.set_rows(static_cast<uint32_t>(rows));
    header.set_columns(static_cast<uint32_t>(columns));
    header.set_sensitivity(core::L1Sensitivity(p.table, map));
    for (size_t c = 0; c < columns; ++c) {
      std::vector<int64_t> truth;
      for (size_t r = 0; r < rows; ++r) {
        double staff = 0;
        if (p.table == core::InsightTable::kUnitTotal) {
          staff = map.units[r].headcount;
        } else {
          for (const core::InsightUnit& u : map.units) {
            if (p.table == core::InsightTable::kOrganisationTotal || u.directorate == map.directorates[r]) {
              staff += u.headcount;
            }
          }
        }
        std::poisson_distribution<int64_t> count(0.05 * share * staff / static_cast<double>(columns));
        truth.push_back(count(random));
      }
      std::vector<int64_t> noisy =
          core::NoiseCells(truth, header.sensitivity(), p.epsilon, crypto::SodiumRandomSource()).value();
      candour::v1::ReleasedColumn& column = *stored.add_columns();
      column.set_table(header.table());
      column.set_column(static_cast<uint32_t>(c));
      for (int64_t v : noisy) column.add_cells(v);
      header.add_column_commitments(std::string(32, '\0'));
    }
  }
  stored.mutable_entry()->set_entry(entry.SerializeAsString());
  stored.mutable_entry()->set_signature(std::string(64, '\0'));
  return stored;
}

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
};

template <typename Call>
Figures Measure(int calls, Call call) {
  std::vector<double> ms;
  for (int i = 0; i < calls; ++i) {
    const Clock::time_point start = Clock::now();
    if (!call()) {
      std::fprintf(stderr, "a call failed\n");
      std::exit(1);
    }
    ms.push_back(Ms(Clock::now() - start));
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back()};
}

int Run(int units, int calls) {
  std::mt19937 random(20261124);
  const core::UnitMap map = core::BuildUnitMap(Departments(units, random)).value();
  const core::Period year = core::ParsePeriod("2025-26").value();
  std::vector<candour::v1::StoredLedgerEntry> entries;
  for (int q = 1; q <= 4; ++q) {
    entries.push_back(MakeStored(core::ParsePeriod(absl::StrCat("2025-26Q", q)).value(), map, entries.size() + 1, random));
  }
  entries.push_back(MakeStored(year, map, entries.size() + 1, random));

  const std::string dir = std::filesystem::temp_directory_path() / absl::StrCat("insights_view_bench_", getpid());
  testing::TestOrg org;
  auto server = testing::InProcessServer::Start(dir, org.organisation_public_key(), 16 << 20);
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  storage::UnitOfWork unit;
  for (size_t i = 0; i < entries.size(); ++i) unit.AppendLedger({i + 1, entries[i].SerializeAsString()});
  if (!(*server)->store().Commit(unit).ok()) return 1;
  testing::StaffFixture staff(&(*server)->store(), (*server)->channel());
  if (!staff.Create("hr", testing::StaffFixture::RoleGrants(candour::v1::ROLE_HR)).ok()) return 1;
  absl::StatusOr<clients::SignedIn> hr = staff.SignIn("hr");
  if (!hr.ok()) return 1;
  clients::InsightsClient insights((*server)->channel(), std::chrono::seconds(60), hr->token.get());

  candour::v1::LedgerEntry year_entry;
  year_entry.ParseFromString(entries.back().entry().entry());
  const core::ReleasedCells cells = core::CellsOfColumns(entries.back().columns()).value();
  Clock::time_point start = Clock::now();
  const candour::v1::HotspotView view = core::BuildHotspotView({&year_entry.release(), &map, &cells, 5}).value();
  const double compute_ms = Ms(Clock::now() - start);
  int flagged = 0;
  for (const auto& u : view.units()) flagged += u.flag() != candour::v1::HOTSPOT_FLAG_NONE;

  start = Clock::now();
  if (!insights.GetHotspots(year.name).ok()) return 1;
  const double first_ms = Ms(Clock::now() - start);
  const Figures hotspots = Measure(calls, [&] { return insights.GetHotspots(year.name).ok(); });
  const Figures tables = Measure(calls, [&] { return insights.GetTables(year.name).ok(); });
  const Figures trends = Measure(calls, [&] { return insights.GetTrends().ok(); });
  const size_t view_bytes = view.ByteSizeLong();

  std::printf("units %zu (from %d departments), directorates %zu, %d calls each, hotspot view %zu bytes, %d flagged\n",
              map.units.size(), units, map.directorates.size(), calls, view_bytes, flagged);
  std::printf("BuildHotspotView once (CLI; server's first call):  %.1f ms\n", compute_ms);
  std::printf("first GetHotspots over gRPC (computes and keeps):  %.1f ms\n", first_ms);
  std::printf("%-12s %8s %8s %8s  (ms)\n", "warm call", "p50", "p99", "max");
  std::printf("%-12s %8.3f %8.3f %8.3f\n", "GetHotspots", hotspots.p50, hotspots.p99, hotspots.max);
  std::printf("%-12s %8.3f %8.3f %8.3f\n", "GetTables", tables.p50, tables.p99, tables.max);
  std::printf("%-12s %8.3f %8.3f %8.3f\n", "GetTrends", trends.p50, trends.p99, trends.max);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace candour

int main(int argc, char** argv) {
  int units = 300, calls = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--units") == 0 && absl::SimpleAtoi(argv[i + 1], &units) && units >= 2) continue;
    if (std::strcmp(argv[i], "--calls") == 0 && absl::SimpleAtoi(argv[i + 1], &calls) && calls >= 1) continue;
    std::fprintf(stderr, "usage: insights_view_bench [--units N (>= 2)] [--calls N]\n");
    return 2;
  }
  return candour::Run(units, calls);
}
