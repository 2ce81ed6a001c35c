// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Insights through the real CLI and candourd: the release holder signs last
// financial year's plan and releases its periods, then HR, a staff network
// and the Guardian read the budget, hotspots, trends and CSV. The server
// stamps reports with today's date and a period is released only once it
// has ended, so every release here is of last year, which has no reports:
// each cell is pure noise, and what is checked is the shape, not counts.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "core/period.h"
#include "gtest/gtest.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"

namespace candour::testing {
namespace {

constexpr char kCsvHeader[] =
    "period,table,epsilon,sensitivity,row,directorate,column,value,shown,interval_90_lower,interval_90_upper";

// One CSV line's fields: quoted fields may hold commas and doubled quotes.
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// The lines of `text` ("\r\n" or "\n" ends), without a trailing empty one.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

int64_t Number(const std::string& field) {
  int64_t n = 0;
  EXPECT_TRUE(absl::SimpleAtoi(field, &n)) << field;
  return n;
}

// The hotspots table of `out`: a heading line, then one row per unit of the
// test organisation, each row's FLAG, UNIT and DIRECTORATE starting where
// their headings start and its STAFF (right-aligned) ending where STAFF ends.
void ExpectOneAlignedRowPerUnit(const std::string& out) {
  const std::vector<std::string> lines = Lines(out);
  auto heading = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("FLAG", 0) == 0; });
  ASSERT_NE(heading, lines.end()) << out;
  const size_t unit = heading->find("  UNIT") + 2, directorate = heading->find("  DIRECTORATE") + 2;
  const size_t staff_end = heading->find("STAFF") + 5;  // right-aligned: the numbers end where it does
  ASSERT_LT(unit, directorate);
  ASSERT_LT(directorate, staff_end);
  const std::vector<std::vector<std::string>> units = {{"Maternity", "Women and Children", "120"},
                                                       {"Theatres", "Surgery", "160"}};
  std::set<std::string> seen;
  // The rows end at the blank line before the note on noise.
  auto row = heading + 1;
  for (; row != lines.end() && !row->empty(); ++row) {
    const std::string flag = row->substr(0, row->find(' '));
    EXPECT_TRUE(flag.empty() || flag == "AMBER" || flag == "RED") << *row;
    auto it = std::find_if(units.begin(), units.end(),
                           [&](const auto& u) { return row->compare(unit, u[0].size() + 2, u[0] + "  ") == 0; });
    ASSERT_NE(it, units.end()) << "no unit at column " << unit << ":\n" << out;
    EXPECT_TRUE(seen.insert((*it)[0]).second) << *row;
    EXPECT_EQ(row->compare(directorate, (*it)[1].size() + 2, (*it)[1] + "  "), 0) << out;
    EXPECT_EQ(row->compare(staff_end - 4, 4, " " + (*it)[2]), 0) << out;
  }
  EXPECT_EQ(seen.size(), units.size()) << out;
  ASSERT_NE(row, lines.end()) << out;
  ASSERT_NE(row + 1, lines.end()) << out;
  EXPECT_EQ((row + 1)->rfind("Each count has random noise added", 0), 0u) << out;
}

class InsightsEndToEndTest : public EndToEndTest {
 protected:
  void SetUp() override {
    EndToEndTest::SetUp();
    if (HasFatalFailure()) return;
    EnsureGuardianAccount();
  }

  // `candour insights ARGS` as the release holder, key and all.
  RunResult AsHolder(std::vector<std::string> args) {
    args.insert(args.begin(), "insights");
    args.insert(args.end(),
                {"--account", "guardian", "--key", org_->guardian_key, "--passphrase-file", org_->guardian_passphrase});
    return Client(args);
  }

  // `candour insights ARGS` as a staff account that only reads.
  RunResult AsReader(const std::string& account, const std::string& passphrase_file, std::vector<std::string> args) {
    args.insert(args.begin(), "insights");
    args.insert(args.end(), {"--account", account, "--passphrase-file", passphrase_file});
    return Client(args);
  }
  RunResult AsGuardian(std::vector<std::string> args) {
    return AsReader("guardian", org_->guardian_passphrase, std::move(args));
  }

  void SignPlan(const core::Period& year, const std::vector<std::string>& changes = {}) {
    std::vector<std::string> args = {"plan", "--year", year.name};
    args.insert(args.end(), changes.begin(), changes.end());
    auto plan = AsHolder(args);
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_NE(plan.out.find("Signed the " + year.name + " budget plan"), std::string::npos) << plan.out;
  }

  void Release(const std::string& period) {
    auto release = AsHolder({"release", "--period", period});
    ASSERT_EQ(release.exit_code, 0) << release.err;
    EXPECT_NE(release.out.find("Released " + period + " (ledger entry "), std::string::npos) << release.out;
    EXPECT_NE(release.out.find("Read 0 sealed tags"), std::string::npos) << release.out;
  }

  // Invites `name` with `grants` (--role and --scope flags) as the admin
  // and makes the account with a generated passphrase; returns its file.
  std::string AddReader(const std::string& name, std::vector<std::string> grants) {
    grants.insert(grants.begin(),
                  {"admin", "invite", "--account", "admin", "--passphrase-file", admin_passphrase_, "--name", name});
    auto invite = Client(grants);
    EXPECT_EQ(invite.exit_code, 0) << invite.err;
    std::ofstream(work_ + "/" + name + ".code") << InvitationCode(invite.out) << "\n";
    const std::string passphrase = work_ + "/" + name + ".pass";
    auto made = Client({"account", "accept", "--name", name, "--code-file", work_ + "/" + name + ".code",
                        "--passphrase-out", passphrase});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("Account " + name + " made: "), std::string::npos) << made.out;
    return passphrase;
  }

  const core::Period this_year_ = core::FinancialYearOf(core::TodayInLondon());
  const core::Period last_year_ = core::FinancialYearOf(this_year_.first_day - 1);
};

TEST_F(InsightsEndToEndTest, HolderReleasesLastYearAndTheBudgetHotspotsAndTrendShowIt) {
  SignPlan(last_year_);
  for (const std::string& period : {last_year_.name + "Q3", last_year_.name + "Q4", last_year_.name}) {
    Release(period);
  }

  // Q3 and Q4 each spend their quarterly tables (0.4 + 0.05) on top of the
  // year's (0.7 + 3 x 0.2 + 0.05): 1.8 a report, as planned.
  auto budget = AsGuardian({"budget", "--year", last_year_.name});
  ASSERT_EQ(budget.exit_code, 0) << budget.err;
  EXPECT_NE(budget.out.find("Budget for " + last_year_.name + " (plan in ledger entry 1;"), std::string::npos)
      << budget.out;
  EXPECT_NE(budget.out.find("  spent per report:     1.8\n"), std::string::npos) << budget.out;
  EXPECT_NE(budget.out.find("  planned per report:   1.8\n"), std::string::npos) << budget.out;
  EXPECT_TRUE(std::regex_search(budget.out, std::regex("\n  directorate-total +quarter +0.4 +" + last_year_.name +
                                                       "Q3 " + last_year_.name + "Q4\n")))
      << budget.out;
  EXPECT_TRUE(std::regex_search(budget.out, std::regex("\n  unit-total +year +0.7 +" + last_year_.name + "\n")))
      << budget.out;

  // Hotspots: a heading, then one row per unit, each column where its heading is.
  auto hotspots = AsGuardian({"hotspots", "--year", last_year_.name});
  ASSERT_EQ(hotspots.exit_code, 0) << hotspots.err;
  EXPECT_NE(hotspots.out.find("Department hotspots, " + last_year_.name + " (release in ledger entry 4)"),
            std::string::npos)
      << hotspots.out;
  EXPECT_NE(hotspots.out.find(" among 280 staff: "), std::string::npos) << hotspots.out;
  ExpectOneAlignedRowPerUnit(hotspots.out);

  // Trend: each directorate with its quarters, oldest first.
  auto trend = AsGuardian({"trend"});
  ASSERT_EQ(trend.exit_code, 0) << trend.err;
  // Directorates in name order, each once.
  ASSERT_EQ(trend.out.rfind("Surgery", 0), 0u) << trend.out;
  const size_t women = trend.out.find("\nWomen and Children");
  ASSERT_NE(women, std::string::npos) << trend.out;
  EXPECT_EQ(trend.out.find("\nSurgery"), std::string::npos) << trend.out;
  EXPECT_EQ(trend.out.find("\nWomen and Children", women + 1), std::string::npos) << trend.out;
  for (const auto& [from, to] : {std::pair<size_t, size_t>{0, women}, {women, trend.out.size()}}) {
    const std::string part = trend.out.substr(from, to - from);
    const size_t q3 = part.find("\n  " + last_year_.name + "Q3 "), q4 = part.find("\n  " + last_year_.name + "Q4 ");
    EXPECT_NE(q3, std::string::npos) << part;
    EXPECT_NE(q4, std::string::npos) << part;
    EXPECT_LT(q3, q4) << part;
  }
}

TEST_F(InsightsEndToEndTest, ExportWritesEveryCellWithItsIntervalAndNeverOverwritesAFile) {
  SignPlan(last_year_);
  Release(last_year_.name);
  const std::string out = work_ + "/year.csv";
  auto exported = AsGuardian({"export", "--period", last_year_.name, "--out", out});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_TRUE(exported.out.empty()) << exported.out;
  const std::string csv = ReadWholeFile(out);
  const std::vector<std::string> lines = Lines(csv);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], kCsvHeader);
  std::map<std::string, int> cells_per_table;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> f = CsvFields(lines[i]);
    ASSERT_EQ(f.size(), 11u) << lines[i];
    EXPECT_EQ(f[0], last_year_.name) << lines[i];
    ++cells_per_table[f[1]];
    const int64_t value = Number(f[7]), shown = Number(f[8]), lower = Number(f[9]), upper = Number(f[10]);
    EXPECT_EQ(shown, std::max<int64_t>(0, value)) << lines[i];
    EXPECT_LE(0, lower) << lines[i];
    EXPECT_LE(lower, shown) << lines[i];
    EXPECT_LE(shown, upper) << lines[i];
  }
  // 2 units, 2 directorates: 2 unit cells, 2 x (6 kinds + 11 characteristics
  // + 5 sources) directorate cells, and the organisation's total.
  const std::map<std::string, int> expected = {{"unit-total", 2},
                                               {"directorate-by-kind", 12},
                                               {"directorate-by-characteristic", 22},
                                               {"directorate-by-source", 10},
                                               {"organisation-total", 1}};
  EXPECT_EQ(cells_per_table, expected) << csv;

  // Written again to the same file: refused, the file left as it was.
  auto again = AsGuardian({"export", "--period", last_year_.name, "--out", out});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("candour: error: cannot create " + out), std::string::npos) << again.err;
  EXPECT_EQ(ReadWholeFile(out), csv);
}

TEST_F(InsightsEndToEndTest, ReleaseRefusesARepeatAndAQuarterThatHasNotEnded) {
  SignPlan(last_year_);
  const std::string q4 = last_year_.name + "Q4";
  Release(q4);
  auto repeat = AsHolder({"release", "--period", q4});
  EXPECT_EQ(repeat.exit_code, 1);
  EXPECT_NE(repeat.err.find("candour: error: " + q4 + " has been released; a release is never revised"),
            std::string::npos)
      << repeat.err;

  // This year has no reports yet, so its plan is accepted, here changed
  // from the default; its current quarter is still running.
  auto unknown = AsHolder({"plan", "--year", this_year_.name, "--table", "unit-totals=0.5"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("the tables are unit-total, "), std::string::npos) << unknown.err;
  SignPlan(this_year_, {"--table", "unit-total=0.5", "--table", "organisation-total:year=none"});
  const core::Period now = core::QuarterOf(core::TodayInLondon());
  auto early = AsHolder({"release", "--period", now.name});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find(now.name + " can be released from " + core::FormatDay(now.last_day + 1) + ", after it ends"),
            std::string::npos)
      << early.err;
  // Refused before this machine fetched (or opened) a tag of the running quarter.
  auto audit = Client({"admin", "audit", "show", "--account", "admin", "--passphrase-file", admin_passphrase_});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_TRUE(std::regex_search(audit.out, std::regex(" fetch-tags +" + q4 + "\n"))) << audit.out;
  EXPECT_FALSE(std::regex_search(audit.out, std::regex(" fetch-tags +" + now.name + "\n"))) << audit.out;

  // Neither refusal spent anything: the ledger holds the two plans and Q4.
  auto budget = AsGuardian({"budget", "--year", last_year_.name});
  ASSERT_EQ(budget.exit_code, 0) << budget.err;
  EXPECT_TRUE(std::regex_search(budget.out, std::regex("\n  directorate-total +quarter +0.4 +" + q4 + "\n")))
      << budget.out;
  auto this_budget = AsGuardian({"budget", "--year", this_year_.name});
  ASSERT_EQ(this_budget.exit_code, 0) << this_budget.err;
  EXPECT_NE(this_budget.out.find("  spent per report:     0\n"), std::string::npos) << this_budget.out;
  EXPECT_NE(this_budget.out.find("  planned per report:   1.55\n"), std::string::npos) << this_budget.out;
  EXPECT_TRUE(std::regex_search(this_budget.out, std::regex("\n  unit-total +year +0.5 +-\n"))) << this_budget.out;
  EXPECT_FALSE(std::regex_search(this_budget.out, std::regex("\n  organisation-total +year "))) << this_budget.out;
}

// HR reads what the Guardian reads; a staff network for race reads the
// totals and its own characteristic's column, nothing else.
TEST_F(InsightsEndToEndTest, HrSeesWhatTheGuardianSeesAndAStaffNetworkOnlyItsColumn) {
  SignPlan(last_year_);
  Release(last_year_.name);
  const std::string hr = AddReader("hr", {"--role", "hr"});
  const std::string network = AddReader("network", {"--role", "staff_network", "--scope", "race"});

  auto guardian_view = AsGuardian({"hotspots", "--year", last_year_.name});
  ASSERT_EQ(guardian_view.exit_code, 0) << guardian_view.err;
  auto hr_view = AsReader("hr", hr, {"hotspots", "--year", last_year_.name});
  ASSERT_EQ(hr_view.exit_code, 0) << hr_view.err;
  EXPECT_EQ(hr_view.out, guardian_view.out);

  auto all = AsGuardian({"export", "--period", last_year_.name});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  auto own = AsReader("network", network, {"export", "--period", last_year_.name});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  const std::vector<std::string> all_lines = Lines(all.out), own_lines = Lines(own.out);
  ASSERT_FALSE(own_lines.empty());
  EXPECT_EQ(own_lines[0], kCsvHeader);
  std::set<std::pair<std::string, std::string>> columns;
  for (size_t i = 1; i < own_lines.size(); ++i) {
    const std::vector<std::string> f = CsvFields(own_lines[i]);
    ASSERT_EQ(f.size(), 11u) << own_lines[i];
    columns.insert({f[1], f[6]});
    // The same cell as the Guardian's export.
    EXPECT_NE(std::find(all_lines.begin(), all_lines.end(), own_lines[i]), all_lines.end()) << own_lines[i];
  }
  const std::set<std::pair<std::string, std::string>> expected = {
      {"unit-total", ""}, {"directorate-by-characteristic", "race"}, {"organisation-total", ""}};
  EXPECT_EQ(columns, expected) << own.out;
  EXPECT_EQ(own_lines.size(), 1u + 2 + 2 + 1) << own.out;
}

}  // namespace
}  // namespace candour::testing
