// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Insights through the real server (RocksDB, gRPC on 127.0.0.1) and the real
// client code (MakeRelease, VerifyLedger, FetchRelease), for acceptance
// points 2, 7 and 8 of the insights issue: a period is released once, after
// it ends, signed by the directory's release key, within the year's budget;
// readers get exactly the stored cells, each role the columns it may see;
// and the true counts and noise draws are stored nowhere.
#include <grpc/support/log.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "clients/insights_access.h"
#include "clients/insights_client.h"
#include "clients/intake_client.h"
#include "clients/release_maker.h"
#include "core/insight_release.h"
#include "core/insight_views.h"
#include "crypto/bytes.h"
#include "crypto/sodium_random_source.h"
#include "tests/services/leak_search.h"
#include "tests/services/release_holder.h"
#include "tests/testing/counter_random_source.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/rocksdb_snapshot.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::InProcessServer;
using candour::testing::ReleaseHolder;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;
using Code = absl::StatusCode;

constexpr std::chrono::seconds kDeadline(10);

// A report as its tag says it.
struct Seed {
  uint32_t department;
  candour::v1::ReportKind kind;
  std::vector<candour::v1::Characteristic> characteristics;
  candour::v1::BehaviourSource source;
};

class InsightsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
    const candour::v1::Grants network = StaffFixture::RoleGrants(candour::v1::ROLE_STAFF_NETWORK);  // race
    ASSERT_TRUE(staff_->Create("guardian", StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN)).ok());
    ASSERT_TRUE(staff_->Create("hr", StaffFixture::RoleGrants(candour::v1::ROLE_HR)).ok());
    ASSERT_TRUE(staff_->Create("network", network).ok());
    ASSERT_TRUE(staff_->Create("admin2", StaffFixture::RoleGrants(candour::v1::ROLE_ADMIN)).ok());
    for (const char* name : {"guardian", "hr", "network", "admin2"}) {
      auto signed_in = staff_->SignIn(name);
      ASSERT_TRUE(signed_in.ok()) << signed_in.status();
      sessions_[name] = std::make_unique<clients::SignedIn>(*std::move(signed_in));
    }
    signed_directory_ = org_.SignedDirectory(1);
    clients::AdminClient admin(server_->channel(), kDeadline);
    ASSERT_TRUE(admin.PublishDirectory(signed_directory_).ok());
    clients::GlobalOptions globals;
    globals.channel.server = server_->address();
    globals.channel.deadline = kDeadline;
    globals.pin = crypto::HexEncode(org_.fingerprint());
    auto connection = clients::Connect(globals);
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_.emplace(*std::move(connection));
    holder_ =
        std::make_unique<ReleaseHolder>(&org_, server_->channel(), sessions_.at("guardian")->token.get(), kDeadline);
    // Last financial year: every period of it has ended.
    year_ = core::FinancialYearOf(core::FinancialYearOf(core::TodayInLondon()).first_day - 1);
    q3_ = core::ParsePeriod(year_.name + "Q3").value();
    q4_ = core::ParsePeriod(year_.name + "Q4").value();
  }

  clients::InsightsClient Insights(const std::string& who) {
    return clients::InsightsClient(server_->channel(), kDeadline, sessions_.at(who)->token.get());
  }

  absl::StatusOr<clients::VerifiedLedger> Ledger(const std::string& who = "guardian") {
    clients::InsightsClient insights = Insights(who);
    return clients::FetchVerifiedLedger(*connection_, insights, org_.organisation_id());
  }

  absl::StatusOr<uint64_t> PublishPlan(const core::YearPlan& plan) { return holder_->PublishPlan(plan); }

  // Stores a report received on `day`, sealed as a reporter's client seals it.
  void SeedReport(core::Day day, const Seed& seed) {
    candour::v1::SubmitReportRequest request =
        org_.MakeSubmission(signed_directory_, [&](candour::v1::ReportContent& content) {
          content.set_department_id(seed.department);
          content.set_kind(seed.kind);
          content.clear_characteristics();
          for (auto c : seed.characteristics) content.add_characteristics(c);
          content.set_source(seed.source);
        });
    storage::NewReport report;
    report.report_id = request.envelope().report_id();
    report.received_day = day;
    report.envelope = request.envelope().SerializeAsString();
    report.sealed_tag = request.envelope().sealed_tag();
    for (const auto& rec : request.case_key_records()) {
      report.case_keys.push_back({rec.recipient_key_id(), rec.sealed_case_key()});
    }
    report.receipt_lookup_hash = request.receipt().lookup_hash();
    report.receipt_sealed_case_key = request.receipt().sealed_view_key();
    storage::UnitOfWork unit;
    unit.AddReport(std::move(report));
    ASSERT_TRUE(server_->store().Commit(unit).ok());
  }

  absl::StatusOr<clients::ReleaseMade> Make(const core::Period& period, const core::YearPlan& plan,
                                            core::noise::RandomSource noise) {
    return holder_->Make(period, plan, noise);
  }

  absl::StatusOr<uint64_t> PublishRelease(clients::ReleaseMade made, const crypto::Ed25519KeyPair& key) {
    return holder_->PublishRelease(std::move(made), key);
  }

  ScopedTempDir dir_;
  TestOrg org_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
  std::map<std::string, std::unique_ptr<clients::SignedIn>> sessions_;
  candour::v1::SignedDirectory signed_directory_;
  std::optional<clients::Session> connection_;
  std::unique_ptr<ReleaseHolder> holder_;
  core::Period year_, q3_, q4_;
};

TEST_F(InsightsTest, APeriodIsReleasedOnceAfterItEndsByTheReleaseKeyWithinTheBudget) {
  const core::YearPlan plan = core::DefaultPlan(year_.start_year);
  ASSERT_TRUE(PublishPlan(plan).ok());
  for (int i = 0; i < 6; ++i) {
    SeedReport(q4_.first_day + i, {1, candour::v1::REPORT_KIND_BULLYING, {candour::v1::CHARACTERISTIC_RACE},
                                   candour::v1::BEHAVIOUR_SOURCE_MANAGER});
  }
  SeedReport(q3_.first_day, {3, candour::v1::REPORT_KIND_HARASSMENT, {candour::v1::CHARACTERISTIC_AGE},
                             candour::v1::BEHAVIOUR_SOURCE_PUBLIC});
  // The current year has no reports yet here, so its plan may still be made.
  const core::YearPlan later = core::DefaultPlan(year_.start_year + 1);
  EXPECT_TRUE(PublishPlan(later).ok());

  absl::StatusOr<clients::ReleaseMade> made = Make(q4_, plan, crypto::SodiumRandomSource());
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->tags, 6u);
  EXPECT_EQ(made->malformed_tags, 0u);

  // Signed by another Guardian's key: not the directory's release key.
  EXPECT_EQ(PublishRelease(*made, org_.guardian(1).sign).status().code(), Code::kUnauthenticated);
  // Cells changed after the header committed to them.
  clients::ReleaseMade altered = *made;
  altered.columns[0].set_cells(0, altered.columns[0].cells(0) + 1);
  EXPECT_EQ(PublishRelease(altered, org_.guardian(0).sign).status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(PublishRelease(*made, org_.guardian(0).sign).ok());
  // Never twice, never revised.
  absl::StatusOr<clients::ReleaseMade> again = Make(q4_, plan, crypto::SodiumRandomSource());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(PublishRelease(*again, org_.guardian(0).sign).status().code(), Code::kAlreadyExists);
  // Not before the period ends.
  const core::Period current = core::QuarterOf(core::TodayInLondon());
  candour::v1::LedgerEntry early;
  *early.mutable_release() = made->release;
  early.mutable_release()->set_period(current.name);
  EXPECT_EQ(holder_->Publish(holder_->Next(early, made->columns, org_.guardian(0).sign)).status().code(),
            Code::kFailedPrecondition);

  // Shrink the plan under what Q4 has spent: cap 1, the quarter tables at
  // 0.1 and 0.05, the unit table at 0.7. Valid as a plan (0.85), but the
  // unit table would take Q4's days to 0.4 + 0.05 + 0.7 = 1.15.
  core::YearPlan shrunk;
  shrunk.start_year = year_.start_year;
  shrunk.cap = core::noise::MakeFraction(1, 1).value;
  for (const core::PlannedRelease& p : plan.releases) {
    if (p.table == core::InsightTable::kDirectorateTotal) {
      shrunk.releases.push_back({p.table, p.granularity, core::noise::MakeFraction(1, 10).value});
    } else if (p.granularity == core::Granularity::kQuarter || p.table == core::InsightTable::kUnitTotal) {
      shrunk.releases.push_back(p);
    }
  }
  ASSERT_TRUE(PublishPlan(shrunk).ok());
  absl::StatusOr<clients::ReleaseMade> year = Make(year_, shrunk, crypto::SodiumRandomSource());
  ASSERT_TRUE(year.ok()) << year.status();
  absl::StatusOr<uint64_t> over = PublishRelease(*year, org_.guardian(0).sign);
  EXPECT_EQ(over.status().code(), Code::kFailedPrecondition) << over.status();
  // Growing the plan back is refused.
  EXPECT_EQ(PublishPlan(plan).status().code(), Code::kFailedPrecondition);
  // Q3 under the shrunk plan fits.
  absl::StatusOr<clients::ReleaseMade> q3 = Make(q3_, shrunk, crypto::SodiumRandomSource());
  ASSERT_TRUE(q3.ok());
  EXPECT_TRUE(PublishRelease(*q3, org_.guardian(0).sign).ok());

  // The ledger verifies for every reader and names each entry in order.
  absl::StatusOr<clients::VerifiedLedger> ledger = Ledger("hr");
  ASSERT_TRUE(ledger.ok()) << ledger.status();
  EXPECT_EQ(ledger->length(), 5u);  // plan, next year's plan, Q4, shrunk plan, Q3
}

TEST_F(InsightsTest, APlanComesBeforeTheYearsFirstReport) {
  SeedReport(q3_.first_day, {1, candour::v1::REPORT_KIND_BULLYING, {candour::v1::CHARACTERISTIC_SEX},
                             candour::v1::BEHAVIOUR_SOURCE_COLLEAGUE});
  absl::StatusOr<uint64_t> late = PublishPlan(core::DefaultPlan(year_.start_year));
  EXPECT_EQ(late.status().code(), Code::kFailedPrecondition) << late.status();
  // With no plan, nothing of the year can be released.
  absl::StatusOr<clients::ReleaseMade> made =
      Make(q3_, core::DefaultPlan(year_.start_year), crypto::SodiumRandomSource());
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(PublishRelease(*made, org_.guardian(0).sign).status().code(), Code::kFailedPrecondition);
  // A plan that passes its own cap is refused.
  core::YearPlan greedy = core::DefaultPlan(year_.start_year + 1);
  greedy.cap = core::noise::MakeFraction(1, 1).value;
  EXPECT_EQ(PublishPlan(greedy).status().code(), Code::kInvalidArgument);
}

TEST_F(InsightsTest, ReadersGetTheStoredCellsAndEachRoleItsColumns) {
  const core::YearPlan plan = core::DefaultPlan(year_.start_year);
  ASSERT_TRUE(PublishPlan(plan).ok());
  for (int i = 0; i < 4; ++i) {
    SeedReport(q4_.first_day, {2, candour::v1::REPORT_KIND_DISCRIMINATION, {candour::v1::CHARACTERISTIC_RACE},
                               candour::v1::BEHAVIOUR_SOURCE_COLLEAGUE});
  }
  absl::StatusOr<clients::ReleaseMade> made = Make(year_, plan, crypto::SodiumRandomSource());
  ASSERT_TRUE(made.ok()) << made.status();
  const std::vector<candour::v1::ReleasedColumn> columns = made->columns;
  ASSERT_TRUE(PublishRelease(*made, org_.guardian(0).sign).ok());

  for (const std::string who : {"hr", "guardian"}) {
    absl::StatusOr<clients::VerifiedLedger> ledger = Ledger(who);
    ASSERT_TRUE(ledger.ok());
    clients::InsightsClient insights = Insights(who);
    absl::StatusOr<clients::ReadRelease> read = clients::FetchRelease(*connection_, insights, *ledger, year_.name);
    ASSERT_TRUE(read.ok()) << read.status();
    ASSERT_EQ(read->columns.size(), columns.size()) << who;
    for (const candour::v1::ReleasedColumn& c : columns) {
      EXPECT_EQ(read->columns.at({c.table(), c.column()}), std::vector<int64_t>(c.cells().begin(), c.cells().end()));
    }
  }
  // A staff network for race: the totals and the race column, nothing else.
  absl::StatusOr<clients::VerifiedLedger> ledger = Ledger("network");
  ASSERT_TRUE(ledger.ok());
  clients::InsightsClient network = Insights("network");
  absl::StatusOr<clients::ReadRelease> read = clients::FetchRelease(*connection_, network, *ledger, year_.name);
  ASSERT_TRUE(read.ok()) << read.status();
  std::set<std::pair<int, uint32_t>> seen;
  for (const auto& [key, cells] : read->columns) seen.insert(key);
  EXPECT_EQ(seen, (std::set<std::pair<int, uint32_t>>{
                      {candour::v1::INSIGHT_TABLE_UNIT_TOTAL, 0},
                      {candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC, candour::v1::CHARACTERISTIC_RACE - 1},
                      {candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL, 0}}));
  // Admins have no insights role; a period not released is NOT_FOUND.
  EXPECT_EQ(Insights("admin2").GetRelease(year_.name).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Insights("hr").GetRelease(q3_.name).status().code(), Code::kNotFound);
  EXPECT_EQ(Insights("hr").GetRelease("2026-27Q5").status().code(), Code::kInvalidArgument);
  // Only Guardians fetch tags.
  EXPECT_EQ(Insights("hr").FetchTags(q4_.name, kDeadline, [](auto&) {}).code(), Code::kPermissionDenied);
}

// The names of the needles in `haystack`, joined; "" if none.
std::string Leaks(std::string_view haystack, const std::vector<candour::testing::Needle>& needles) {
  return absl::StrJoin(candour::testing::Found(haystack, needles), "; ");
}

// Column-major order of a table of `rows` rows stored row-major: the order
// in which its released columns carry the cells.
std::vector<int64_t> ByColumn(const std::vector<int64_t>& cells, size_t rows) {
  const size_t columns = cells.size() / rows;
  std::vector<int64_t> out;
  for (size_t c = 0; c < columns; ++c) {
    for (size_t r = 0; r < rows; ++r) out.push_back(cells[r * columns + c]);
  }
  return out;
}

// Acceptance point 8: the true counts and the noise drawn on them are in no
// record of the database, no file of the data dir, and nothing the server,
// gRPC or the release holder's client code logged or printed while the
// period was released and the server stopped.
TEST_F(InsightsTest, TrueCountsAndNoiseDrawsAreStoredNowhere) {
  // gRPC logs only errors unless GRPC_VERBOSITY says more: take everything
  // it would log at its most verbose (its default, ERROR, is restored below).
  gpr_set_log_verbosity(GPR_LOG_SEVERITY_DEBUG);
  ScopedTempDir logs("candour_insights_logs");
  candour::testing::CapturedOutput output(logs.path() + "/output");
  gpr_log(GPR_DEBUG, "insights_test: gRPC's log is captured");
  const core::YearPlan plan = core::DefaultPlan(year_.start_year);
  ASSERT_TRUE(PublishPlan(plan).ok());
  const std::vector<candour::v1::Characteristic> each = {
      candour::v1::CHARACTERISTIC_AGE, candour::v1::CHARACTERISTIC_DISABILITY, candour::v1::CHARACTERISTIC_RACE,
      candour::v1::CHARACTERISTIC_SEX, candour::v1::CHARACTERISTIC_RELIGION_BELIEF};
  for (size_t i = 0; i < 20; ++i) {
    SeedReport(q4_.first_day + static_cast<int>(i % 30),
               {TestOrg::kDepartmentIds[i % 3], static_cast<candour::v1::ReportKind>(1 + i % 6), {each[i % 5]},
                static_cast<candour::v1::BehaviourSource>(1 + i % 5)});
  }
  candour::testing::CounterRandomSource seeded(20261124);
  absl::StatusOr<clients::ReleaseMade> made = Make(year_, plan, seeded.source());
  ASSERT_TRUE(made.ok()) << made.status();
  // The true characteristic table, counted here from what was seeded, and
  // the noise drawn on it, whole (22 cells: a single column of two cells is
  // too short a needle to mean anything), by row and by column.
  const core::UnitMap& map = holder_->map();
  std::vector<std::vector<core::CountedReport>> groups;
  for (size_t i = 0; i < 20; ++i) {
    groups.push_back({{TestOrg::kDepartmentIds[i % 3], static_cast<uint8_t>(1 + i % 6),
                       static_cast<uint16_t>(1u << (each[i % 5] - 1)), static_cast<uint8_t>(1 + i % 5)}});
  }
  const std::vector<int64_t> truth = core::CountTable(core::InsightTable::kDirectorateByCharacteristic, map, groups);
  std::vector<int64_t> noisy;
  for (const candour::v1::ReleasedColumn& c : made->columns) {
    if (c.table() != candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC) continue;
    noisy.resize(truth.size());
    for (int r = 0; r < c.cells_size(); ++r) noisy[r * 11 + c.column()] = c.cells(r);
  }
  ASSERT_EQ(noisy.size(), truth.size());
  ASSERT_NE(noisy, truth);
  std::vector<int64_t> noise(truth.size());
  for (size_t i = 0; i < truth.size(); ++i) noise[i] = noisy[i] - truth[i];
  ASSERT_TRUE(PublishRelease(*made, org_.guardian(0).sign).ok());
  const candour::testing::DbSnapshot snapshot = candour::testing::Snapshot(server_->store());
  server_->Stop();  // anything logged on the way down counts too
  const std::string logged = output.Stop();
  gpr_set_log_verbosity(GPR_LOG_SEVERITY_ERROR);

  const size_t rows = map.directorates.size();
  std::vector<candour::testing::Needle> needles;
  for (const auto& [name, v] : {std::pair{"truth", truth}, std::pair{"noise", noise}}) {
    for (auto& n : candour::testing::Encodings(name, v)) needles.push_back(std::move(n));
    for (auto& n : candour::testing::Encodings(std::string(name) + " by column", ByColumn(v, rows))) {
      needles.push_back(std::move(n));
    }
  }
  for (const auto& [cf, records] : snapshot) {
    for (const auto& [key, value] : records) {
      EXPECT_EQ(Leaks(key, needles), "") << "a key in " << cf;
      EXPECT_EQ(Leaks(value, needles), "") << "a value in " << cf;
    }
  }
  // RocksDB's own LOG, the WAL and the tables: what the snapshot cannot see,
  // such as a record written and then deleted. (Tables may be compressed;
  // in a test this short nothing is flushed to one.)
  for (const auto& [path, bytes] : candour::testing::FilesUnder(dir_.path())) {
    EXPECT_EQ(Leaks(bytes, needles), "") << path;
  }
  // The capture saw gRPC's log and the server's, or it proves nothing.
  EXPECT_NE(logged.find("insights_test: gRPC's log is captured"), std::string::npos);
  EXPECT_NE(logged.find("method=/candour.v1.InsightsService/FetchTags status=ok"), std::string::npos);
  EXPECT_NE(logged.find("method=/candour.v1.InsightsService/PublishLedgerEntry status=ok"), std::string::npos);
  EXPECT_EQ(Leaks(logged, needles), "") << "in what was logged";
}


namespace views {

// What the stored ledger holds, read straight from RocksDB: the only input
// a view may have.
struct Stored {
  std::vector<candour::v1::LedgerEntry> entries;
  std::vector<candour::v1::StoredLedgerEntry> stored;
};

Stored ReadStoredLedger(storage::ReportStore& store) {
  Stored out;
  absl::StatusOr<std::vector<storage::LedgerRecord>> records = store.ReadLedger(1, 1000);
  EXPECT_TRUE(records.ok());
  for (const storage::LedgerRecord& record : *records) {
    candour::v1::StoredLedgerEntry& stored = out.stored.emplace_back();
    EXPECT_TRUE(stored.ParseFromString(record.record));
    EXPECT_TRUE(out.entries.emplace_back().ParseFromString(stored.entry().entry()));
  }
  return out;
}

// A stored release made readable by the view code, keeping only the
// columns `grants` may see.
struct Recomputed {
  core::UnitMap map;
  core::ReleasedCells cells;
  core::ReleaseForView ForView(const candour::v1::LedgerEntry& entry) const {
    return {&entry.release(), &map, &cells, entry.sequence()};
  }
};

Recomputed FromStore(const candour::v1::LedgerEntry& entry, const candour::v1::StoredLedgerEntry& stored,
                     const candour::v1::Grants& grants) {
  Recomputed out;
  out.map = core::UnitMapOf(entry.release()).value();
  out.cells = core::CellsOfColumns(stored.columns()).value();
  std::erase_if(out.cells, [&](const auto& column) {
    return !core::MaySeeColumn(grants, *core::TableFromId(candour::v1::InsightTableId(column.first.first)),
                               column.first.second);
  });
  return out;
}

}  // namespace views

// Acceptance point 2: every number the view RPCs serve, and the CLI's CSV,
// is recomputed byte for byte from the stored noisy cells and public
// headers alone, for each role.
TEST_F(InsightsTest, EveryViewIsRecomputedByteForByteFromTheStoredCells) {
  const core::YearPlan plan = core::DefaultPlan(year_.start_year);
  ASSERT_TRUE(PublishPlan(plan).ok());
  for (int i = 0; i < 12; ++i) {
    SeedReport((i % 2 ? q3_ : q4_).first_day + i,
               {TestOrg::kDepartmentIds[i % 3], static_cast<candour::v1::ReportKind>(1 + i % 6),
                {i % 4 ? candour::v1::CHARACTERISTIC_RACE : candour::v1::CHARACTERISTIC_SEX},
                static_cast<candour::v1::BehaviourSource>(1 + i % 5)});
  }
  for (const core::Period& period : {q3_, q4_, year_}) {
    absl::StatusOr<clients::ReleaseMade> made = Make(period, plan, crypto::SodiumRandomSource());
    ASSERT_TRUE(made.ok()) << made.status();
    ASSERT_TRUE(PublishRelease(*std::move(made), org_.guardian(0).sign).ok());
  }
  const views::Stored ledger = views::ReadStoredLedger(server_->store());
  ASSERT_EQ(ledger.entries.size(), 4u);  // the plan, Q3, Q4, the year

  const std::map<std::string, candour::v1::Role> roles = {{"guardian", candour::v1::ROLE_GUARDIAN},
                                                          {"hr", candour::v1::ROLE_HR},
                                                          {"network", candour::v1::ROLE_STAFF_NETWORK}};
  for (const auto& [who, role] : roles) {
    SCOPED_TRACE(who);
    const candour::v1::Grants grants = StaffFixture::RoleGrants(role);
    clients::InsightsClient insights = Insights(who);
    absl::StatusOr<clients::VerifiedLedger> verified = Ledger(who);
    ASSERT_TRUE(verified.ok()) << verified.status();
    std::vector<views::Recomputed> recomputed;
    for (size_t i = 0; i < ledger.entries.size(); ++i) {
      recomputed.push_back(ledger.entries[i].has_release()
                               ? views::FromStore(ledger.entries[i], ledger.stored[i], grants)
                               : views::Recomputed());
    }

    for (size_t i = 1; i < ledger.entries.size(); ++i) {
      const candour::v1::LedgerEntry& entry = ledger.entries[i];
      absl::StatusOr<candour::v1::GetTablesResponse> served = insights.GetTables(entry.release().period());
      ASSERT_TRUE(served.ok()) << served.status();
      std::vector<candour::v1::TableView> expected =
          core::BuildTableViews(recomputed[i].ForView(entry)).value();
      ASSERT_EQ(served->tables_size(), static_cast<int>(expected.size()));
      for (size_t t = 0; t < expected.size(); ++t) {
        EXPECT_EQ(served->tables(static_cast<int>(t)).SerializeAsString(), expected[t].SerializeAsString());
        // Each value is a stored cell, and its interval is that cell plus or
        // minus one half-width, cut at zero, its top never under the half-width.
        const candour::v1::TableView& view = expected[t];
        for (int c = 0; c < view.columns_size(); ++c) {
          const std::vector<int64_t>& cells = recomputed[i].cells.at({view.table(), view.columns(c)});
          for (int r = 0; r < view.rows_size(); ++r) {
            const candour::v1::NoisyValue& v = view.cells(r * view.columns_size() + c);
            EXPECT_EQ(v.value(), cells[r]);
            const int64_t w = static_cast<int64_t>(view.half_width());
            EXPECT_EQ(v.lower(), std::max<int64_t>(0, cells[r] - w));
            EXPECT_EQ(v.upper(), std::max<int64_t>(w, cells[r] + w));
          }
        }
      }
      // The CLI's CSV, from the release it verified, is the same bytes.
      absl::StatusOr<clients::ReadRelease> read =
          clients::FetchRelease(*connection_, insights, *verified, entry.release().period());
      ASSERT_TRUE(read.ok()) << read.status();
      const std::string cli_csv =
          core::TablesCsv(core::BuildTableViews({&read->release, &read->map, &read->columns, read->sequence}).value());
      EXPECT_EQ(cli_csv, core::TablesCsv(expected));
      EXPECT_EQ(cli_csv, core::TablesCsv({served->tables().begin(), served->tables().end()}));
    }

    absl::StatusOr<candour::v1::GetHotspotsResponse> hotspots = insights.GetHotspots(year_.name);
    ASSERT_TRUE(hotspots.ok()) << hotspots.status();
    EXPECT_EQ(hotspots->view().SerializeAsString(),
              core::BuildHotspotView(recomputed[3].ForView(ledger.entries[3]))->SerializeAsString());
    EXPECT_EQ(hotspots->view().units_size(), static_cast<int>(recomputed[3].map.units.size()));

    absl::StatusOr<candour::v1::GetTrendsResponse> trends = insights.GetTrends();
    ASSERT_TRUE(trends.ok()) << trends.status();
    const std::vector<candour::v1::TrendSeries> expected_trends =
        core::BuildTrends({recomputed[1].ForView(ledger.entries[1]), recomputed[2].ForView(ledger.entries[2])})
            .value();
    ASSERT_EQ(trends->series_size(), static_cast<int>(expected_trends.size()));
    for (size_t s = 0; s < expected_trends.size(); ++s) {
      EXPECT_EQ(trends->series(static_cast<int>(s)).SerializeAsString(), expected_trends[s].SerializeAsString());
    }
  }
  // A staff network's tables hold the totals and its own characteristic only.
  absl::StatusOr<candour::v1::GetTablesResponse> network = Insights("network").GetTables(year_.name);
  ASSERT_TRUE(network.ok());
  for (const candour::v1::TableView& view : network->tables()) {
    if (view.table() == candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_CHARACTERISTIC) {
      EXPECT_EQ(std::vector<uint32_t>(view.columns().begin(), view.columns().end()),
                std::vector<uint32_t>{candour::v1::CHARACTERISTIC_RACE - 1});
    } else {
      EXPECT_TRUE(view.table() == candour::v1::INSIGHT_TABLE_UNIT_TOTAL ||
                  view.table() == candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL)
          << view.table_name();
    }
  }
  // Views are for insights roles, of released periods, and audited.
  EXPECT_EQ(Insights("admin2").GetHotspots(year_.name).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Insights("hr").GetHotspots(q3_.name).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Insights("hr").GetHotspots(core::FinancialYearOf(core::TodayInLondon()).name).status().code(),
            Code::kNotFound);
  EXPECT_EQ(Insights("hr").GetTables("2026-27Q5").status().code(), Code::kInvalidArgument);
  absl::StatusOr<std::vector<storage::AuditRecord>> audit = server_->store().ReadAudit(1, 10000);
  ASSERT_TRUE(audit.ok());
  int hotspot_queries = 0;
  for (const storage::AuditRecord& record : *audit) {
    candour::v1::AuditEntry entry;
    ASSERT_TRUE(entry.ParseFromString(record.entry));
    if (entry.action() == candour::v1::AUDIT_ACTION_INSIGHTS_QUERY && entry.object() == "hotspots " + year_.name) {
      ++hotspot_queries;
    }
  }
  EXPECT_EQ(hotspot_queries, 3);
}

}  // namespace
}  // namespace candour::services
