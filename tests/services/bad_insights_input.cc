// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Bad-input rows for InsightsService: malformed periods for FetchTags and
// GetRelease; every RPC without a session and with a role it does not allow;
// PublishLedgerEntry with entries that are empty, garbage, oversize, badly
// signed, off the chain, for another organisation or directory, or carry
// fields this version does not know, and with releases whose period has not
// ended, that have no plan or were made already, whose header is not the
// plan's, or whose columns do not match their commitments. Each row's setup
// prepares the one request (it may publish a plan and fetch tags, which is
// audited); the request must get its exact code and leave the store as it
// was. GetLedger past the end and GetRelease of a period not released are
// audited reads: they may add their audit entry and nothing else.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crypto/ledger.h"
#include "crypto/sodium_random_source.h"
#include "tests/services/bad_input.h"

namespace candour::services::bad_input {
namespace {

using candour::v1::LedgerEntry;
using candour::v1::PublishLedgerEntryRequest;
using candour::v1::ReleasedColumn;
using Columns = std::vector<ReleasedColumn>;
// Builds a row's request in its setup.
using Prepare = std::function<absl::StatusOr<PublishLedgerEntryRequest>(BadInputTest&)>;

// Every period of last financial year has ended.
core::Period LastYear() { return core::FinancialYearOf(core::FinancialYearOf(core::TodayInLondon()).first_day - 1); }
core::YearPlan LastYearsPlan() { return core::DefaultPlan(LastYear().start_year); }

// Signs in `account` ("guardian" is signed in by StartReleaseHolder).
void SignInAccount(BadInputTest& t, const std::string& account) {
  if (account == "hr") t.SignInHr();
  if (account == "root") t.SignInAdmin();
  if (account == "guardian") t.SignInGuardian();
}

// A row whose setup starts the release holder, signs `account` in and
// prepares the request; its send is the one PublishLedgerEntry, by `account`.
Case PublishRow(std::string name, Prepare prepare, Code expected, std::string account = "guardian") {
  auto request = std::make_shared<PublishLedgerEntryRequest>();
  auto setup = [request, prepare = std::move(prepare), account](BadInputTest& t) {
    t.StartReleaseHolder();
    if (::testing::Test::HasFatalFailure()) return;
    if (account != "guardian") SignInAccount(t, account);
    absl::StatusOr<PublishLedgerEntryRequest> prepared = prepare(t);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    *request = *std::move(prepared);
  };
  auto send = [request, account](BadInputTest& t) {
    return t.Record(t.Insights(account).PublishLedgerEntry(*request).status());
  };
  return {std::move(name), std::move(setup), std::move(send), expected};
}

// The next entry: last year's default plan, changed by `edit`, signed with
// the release key.
Prepare NextPlan(std::function<void(LedgerEntry&)> edit = nullptr) {
  return [edit = std::move(edit)](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
    LedgerEntry entry;
    *entry.mutable_plan() = core::YearPlanToProto(LastYearsPlan(), 1);
    PublishLedgerEntryRequest request = t.holder().Next(entry, {}, t.holder().release_key());
    if (!edit) return request;
    // Edited after Next filled in the chain, then signed again.
    if (!entry.ParseFromString(request.entry().entry())) return absl::InternalError("own entry does not parse");
    edit(entry);
    *request.mutable_entry() = crypto::SignLedgerEntry(entry.SerializeAsString(), t.holder().release_key());
    return request;
  };
}

// A request whose entry is `bytes`, signed with the release key.
Prepare SignedBytes(std::string bytes) {
  return [bytes = std::move(bytes)](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
    PublishLedgerEntryRequest request;
    *request.mutable_entry() = crypto::SignLedgerEntry(bytes, t.holder().release_key());
    return request;
  };
}

// `prepare`'s request after last year's plan was published.
Prepare AfterPlan(Prepare prepare) {
  return [prepare = std::move(prepare)](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
    if (absl::StatusOr<uint64_t> s = t.holder().PublishPlan(LastYearsPlan()); !s.ok()) return s.status();
    return prepare(t);
  };
}

// `prepare`'s request, signed, then changed by `edit`.
Prepare Then(Prepare prepare, std::function<void(BadInputTest&, PublishLedgerEntryRequest&)> edit) {
  return [prepare = std::move(prepare), edit = std::move(edit)](BadInputTest& t)
             -> absl::StatusOr<PublishLedgerEntryRequest> {
    absl::StatusOr<PublishLedgerEntryRequest> request = prepare(t);
    if (request.ok()) edit(t, *request);
    return request;
  };
}

// Last year's release, as the release holder makes it (with last year's plan
// published first if `plan`), with its entry and columns changed by `edit`
// before the release key signs it as the next entry.
Prepare NextRelease(std::function<void(LedgerEntry&, Columns&)> edit, bool plan = true) {
  return [edit = std::move(edit), plan](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
    if (plan) {
      if (absl::StatusOr<uint64_t> s = t.holder().PublishPlan(LastYearsPlan()); !s.ok()) return s.status();
    }
    absl::StatusOr<clients::ReleaseMade> made =
        t.holder().Make(LastYear(), LastYearsPlan(), crypto::SodiumRandomSource());
    if (!made.ok()) return made.status();
    LedgerEntry entry;
    *entry.mutable_release() = std::move(made->release);
    if (edit) edit(entry, made->columns);
    return t.holder().Next(std::move(entry), std::move(made->columns), t.holder().release_key());
  };
}

std::function<Code(BadInputTest&)> FetchTags(std::string period, std::string account) {
  return [period = std::move(period), account = std::move(account)](BadInputTest& t) {
    return t.Record(t.Insights(account).FetchTags(period, kDeadline, [](candour::v1::FetchTagsResponse&) {}));
  };
}

std::function<Code(BadInputTest&)> GetRelease(std::string period, std::string account) {
  return [period = std::move(period), account = std::move(account)](BadInputTest& t) {
    return t.Record(t.Insights(account).GetRelease(period).status());
  };
}

// The three views, by name: "tables", "hotspots" or "trends" (which takes no period).
std::function<Code(BadInputTest&)> GetView(std::string view, std::string period, std::string account) {
  return [view = std::move(view), period = std::move(period), account = std::move(account)](BadInputTest& t) {
    clients::InsightsClient insights = t.Insights(account);
    if (view == "tables") return t.Record(insights.GetTables(period).status());
    if (view == "hotspots") return t.Record(insights.GetHotspots(period).status());
    return t.Record(insights.GetTrends().status());
  };
}

std::function<Code(BadInputTest&)> GetLedger(uint64_t after_sequence, std::string account) {
  return [after_sequence, account = std::move(account)](BadInputTest& t) {
    absl::StatusOr<candour::v1::GetLedgerResponse> ledger = t.Insights(account).GetLedger(after_sequence);
    if (ledger.ok()) {
      EXPECT_EQ(ledger->entries_size(), 0) << "entries past the end";
    }
    return t.Record(ledger.status());
  };
}

std::function<void(BadInputTest&)> SignInFor(std::string account) {
  return [account = std::move(account)](BadInputTest& t) { SignInAccount(t, account); };
}

std::vector<Case> PeriodCases() {
  std::vector<Case> cases;
  for (const auto& [name, bad] : std::vector<std::pair<std::string, std::string>>{
           {"Empty", ""},
           {"YearOnly", "2026"},
           {"Quarter5", "2026-27Q5"},
           {"Quarter0", "2026-27Q0"},
           {"YearsApart", "2026-28"},
           {"TooLong", "2026-27Q" + std::string(64 * 1024, '3')}}) {
    cases.push_back(
        {"FetchTagsPeriod" + name, SignInFor("guardian"), FetchTags(bad, "guardian"), Code::kInvalidArgument});
    cases.push_back({"GetReleasePeriod" + name, SignInFor("hr"), GetRelease(bad, "hr"), Code::kInvalidArgument});
    cases.push_back({"GetTablesPeriod" + name, SignInFor("hr"), GetView("tables", bad, "hr"), Code::kInvalidArgument});
    cases.push_back(
        {"GetHotspotsYear" + name, SignInFor("hr"), GetView("hotspots", bad, "hr"), Code::kInvalidArgument});
  }
  // Tags of a period still running are never handed out.
  cases.push_back({"FetchTagsOfTheRunningQuarter", SignInFor("guardian"),
                   FetchTags(core::QuarterOf(core::TodayInLondon()).name, "guardian"), Code::kFailedPrecondition});
  // Hotspots are drawn for a year, never a quarter.
  cases.push_back({"GetHotspotsOfAQuarter", SignInFor("hr"), GetView("hotspots", LastYear().name + "Q3", "hr"),
                   Code::kInvalidArgument});
  return cases;
}

std::vector<Case> AccessCases() {
  const std::string period = LastYear().name;
  std::vector<Case> cases;
  cases.push_back({"FetchTagsWithoutSession", nullptr, FetchTags(period, ""), Code::kUnauthenticated});
  cases.push_back({"FetchTagsAsHr", SignInFor("hr"), FetchTags(period, "hr"), Code::kPermissionDenied});
  cases.push_back({"FetchTagsAsAdmin", SignInFor("root"), FetchTags(period, "root"), Code::kPermissionDenied});
  cases.push_back({"GetLedgerWithoutSession", nullptr, GetLedger(0, ""), Code::kUnauthenticated});
  cases.push_back({"GetLedgerAsAdmin", SignInFor("root"), GetLedger(0, "root"), Code::kPermissionDenied});
  cases.push_back({"GetReleaseWithoutSession", nullptr, GetRelease(period, ""), Code::kUnauthenticated});
  cases.push_back({"GetReleaseAsAdmin", SignInFor("root"), GetRelease(period, "root"), Code::kPermissionDenied});
  for (const std::string view : {"tables", "hotspots", "trends"}) {
    std::string name = view;
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    cases.push_back({"Get" + name + "WithoutSession", nullptr, GetView(view, period, ""), Code::kUnauthenticated});
    cases.push_back(
        {"Get" + name + "AsAdmin", SignInFor("root"), GetView(view, period, "root"), Code::kPermissionDenied});
  }
  cases.push_back(PublishRow("PublishLedgerEntryWithoutSession", NextPlan(), Code::kUnauthenticated, ""));
  cases.push_back(PublishRow("PublishLedgerEntryAsHr", NextPlan(), Code::kPermissionDenied, "hr"));
  cases.push_back(PublishRow("PublishLedgerEntryAsAdmin", NextPlan(), Code::kPermissionDenied, "root"));
  // Audited reads: the query is recorded before the answer is looked up.
  auto plan_published = [](BadInputTest& t) {
    t.StartReleaseHolder();
    if (::testing::Test::HasFatalFailure()) return;
    t.SignInHr();
    ASSERT_TRUE(t.holder().PublishPlan(LastYearsPlan()).ok());
  };
  Case past_end{"GetLedgerAfterMaxSequence", plan_published, GetLedger(std::numeric_limits<uint64_t>::max(), "hr"),
                Code::kOk};
  past_end.audited = true;
  cases.push_back(std::move(past_end));
  Case unreleased{"GetReleaseOfPeriodNotReleased", plan_published, GetRelease(period, "hr"), Code::kNotFound};
  unreleased.audited = true;
  cases.push_back(std::move(unreleased));
  for (const std::string view : {"tables", "hotspots"}) {
    Case not_released{view == "tables" ? "GetTablesOfPeriodNotReleased" : "GetHotspotsOfYearNotReleased",
                      plan_published, GetView(view, period, "hr"), Code::kNotFound};
    not_released.audited = true;
    cases.push_back(std::move(not_released));
  }
  return cases;
}

// The signed entry itself: its bytes, signature, chain and names.
std::vector<Case> EntryCases() {
  std::vector<Case> cases;
  cases.push_back(PublishRow(
      "PublishEntryEmptyRequest", [](BadInputTest&) { return PublishLedgerEntryRequest(); }, Code::kInvalidArgument));
  // Signed bytes this version cannot read are the client's input: DATA_LOSS
  // from crypto::VerifyLedgerEntry becomes INVALID_ARGUMENT.
  cases.push_back(
      PublishRow("PublishEntrySignedGarbage", SignedBytes(std::string(64, '\xff')), Code::kInvalidArgument));
  // Refused by gRPC at the server's 256 KiB message limit, before our code.
  cases.push_back(
      PublishRow("PublishEntryOver256KiB", SignedBytes(std::string(300 * 1024, 'e')), Code::kResourceExhausted));
  cases.push_back(PublishRow("PublishEntrySignatureAltered", Then(NextPlan(), [](BadInputTest&, auto& r) {
                               r.mutable_entry()->mutable_signature()->at(5) ^= 1;
                             }),
                             Code::kUnauthenticated));
  cases.push_back(PublishRow("PublishEntrySignatureOf63Bytes", Then(NextPlan(), [](BadInputTest&, auto& r) {
                               r.mutable_entry()->mutable_signature()->pop_back();
                             }),
                             Code::kUnauthenticated));
  cases.push_back(PublishRow("PublishEntrySignedByAnotherGuardian", Then(NextPlan(), [](BadInputTest& t, auto& r) {
                               const crypto::Ed25519KeyPair& other = t.org().guardian(1).sign;
                               *r.mutable_entry() = crypto::SignLedgerEntry(r.entry().entry(), other);
                             }),
                             Code::kUnauthenticated));
  cases.push_back(PublishRow("PublishEntryUnknownField", NextPlan([](LedgerEntry& e) {
                               e.GetReflection()->MutableUnknownFields(&e)->AddVarint(99, 1);
                             }),
                             Code::kInvalidArgument));
  // Stored beside the signed bytes, signed by nobody.
  cases.push_back(PublishRow("PublishEntrySignedEntryUnknownField", Then(NextPlan(), [](BadInputTest&, auto& r) {
                               candour::v1::SignedLedgerEntry& e = *r.mutable_entry();
                               e.GetReflection()->MutableUnknownFields(&e)->AddVarint(99, 1);
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishEntryPreviousHashOf31Bytes",
                             NextPlan([](LedgerEntry& e) { e.mutable_previous_hash()->pop_back(); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishEntryFirstPreviousHashNotZero",
                             NextPlan([](LedgerEntry& e) { e.mutable_previous_hash()->at(0) ^= 1; }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntryPreviousHashAltered",
                             AfterPlan(NextPlan([](LedgerEntry& e) { e.mutable_previous_hash()->at(0) ^= 1; })),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntrySequenceZero", NextPlan([](LedgerEntry& e) { e.set_sequence(0); }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntrySequenceSkipsOne",
                             AfterPlan(NextPlan([](LedgerEntry& e) { e.set_sequence(e.sequence() + 1); })),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntryAgain",
                             [](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
                               absl::StatusOr<PublishLedgerEntryRequest> first = NextPlan()(t);
                               if (!first.ok()) return first.status();
                               if (absl::StatusOr<uint64_t> s = t.holder().Publish(*first); !s.ok()) return s.status();
                               return first;
                             },
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntryOtherOrganisationId",
                             NextPlan([](LedgerEntry& e) { e.set_organisation_id(std::string(16, '\x07')); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishEntryOtherSignerDirectoryVersion",
                             NextPlan([](LedgerEntry& e) { e.set_signer_directory_version(2); }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishEntryNeitherPlanNorRelease", NextPlan([](LedgerEntry& e) { e.clear_plan(); }),
                             Code::kInvalidArgument));
  return cases;
}

// Plans: their own rules before the ledger's.
std::vector<Case> PlanCases() {
  std::vector<Case> cases;
  cases.push_back(PublishRow("PublishPlanWithColumns", Then(NextPlan(), [](BadInputTest&, auto& r) {
                               r.add_columns()->set_table(candour::v1::INSIGHT_TABLE_ORGANISATION_TOTAL);
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishPlanForAQuarter",
                             NextPlan([](LedgerEntry& e) { e.mutable_plan()->set_year(LastYear().name + "Q1"); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishPlanOverItsCap", NextPlan([](LedgerEntry& e) {
                               e.mutable_plan()->mutable_cap()->set_numerator(1);
                               e.mutable_plan()->mutable_cap()->set_denominator(1);
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishPlanUnknownDirectoryVersion",
                             NextPlan([](LedgerEntry& e) { e.mutable_plan()->set_directory_version(9); }),
                             Code::kFailedPrecondition));
  return cases;
}

std::vector<Case> ReleaseCases() {
  using candour::v1::Release;
  std::vector<Case> cases;
  auto release = [](std::function<void(Release&)> edit) {
    return NextRelease([edit = std::move(edit)](LedgerEntry& e, Columns&) { edit(*e.mutable_release()); });
  };
  auto columns = [](std::function<void(Columns&)> edit) {
    return NextRelease([edit = std::move(edit)](LedgerEntry&, Columns& c) { edit(c); });
  };
  cases.push_back(PublishRow("PublishReleasePeriodNotEnded", release([](Release& r) {
                               r.set_period(core::QuarterOf(core::TodayInLondon()).name);
                             }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleasePeriodMalformed", release([](Release& r) { r.set_period("2026-27Q5"); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseWithoutPlan", NextRelease(nullptr, false), Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleaseAgain",
                             [](BadInputTest& t) -> absl::StatusOr<PublishLedgerEntryRequest> {
                               absl::StatusOr<PublishLedgerEntryRequest> first = NextRelease(nullptr)(t);
                               if (!first.ok()) return first.status();
                               if (absl::StatusOr<uint64_t> s = t.holder().Publish(*first); !s.ok()) return s.status();
                               return NextRelease(nullptr, false)(t);
                             },
                             Code::kAlreadyExists));
  // The header against the plan and the year's units.
  cases.push_back(PublishRow("PublishReleaseUnitRenamed",
                             release([](Release& r) { r.mutable_units(0)->set_name("Renamed"); }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleaseSensitivityChanged", release([](Release& r) {
                               r.mutable_tables(0)->set_sensitivity(r.tables(0).sensitivity() + 1);
                             }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleaseEpsilonChanged", release([](Release& r) {
                               r.mutable_tables(0)->mutable_epsilon()->set_denominator(999999937);
                             }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleaseTableDropped", NextRelease([](LedgerEntry& e, Columns& c) {
                               const auto dropped = e.release().tables().rbegin()->table();
                               e.mutable_release()->mutable_tables()->RemoveLast();
                               std::erase_if(c, [dropped](const ReleasedColumn& x) { return x.table() == dropped; });
                             }),
                             Code::kFailedPrecondition));
  cases.push_back(PublishRow("PublishReleaseCommitmentOf31Bytes", release([](Release& r) {
                               r.mutable_tables(0)->mutable_column_commitments(0)->pop_back();
                             }),
                             Code::kFailedPrecondition));
  // The columns against the header's commitments.
  cases.push_back(PublishRow("PublishReleaseCellChanged", columns([](Columns& c) {
                               c[0].set_cells(0, c[0].cells(0) + 1);
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseSaltChanged", columns([](Columns& c) {
                               c[0].mutable_salt()->at(0) ^= 1;
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseSaltOf31Bytes", columns([](Columns& c) {
                               c[0].mutable_salt()->pop_back();
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseColumnOneCellShort", columns([](Columns& c) {
                               c[0].mutable_cells()->RemoveLast();
                             }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseColumnMissing", columns([](Columns& c) { c.pop_back(); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseNoColumns", columns([](Columns& c) { c.clear(); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseColumnTwice", columns([](Columns& c) { c.push_back(c[0]); }),
                             Code::kInvalidArgument));
  cases.push_back(PublishRow("PublishReleaseColumnNotInRelease", columns([](Columns& c) {
                               c.push_back(c[0]);
                               c.back().set_column(99);
                             }),
                             Code::kInvalidArgument));
  // Stored beside the committed cells, committed to by nobody.
  cases.push_back(PublishRow("PublishReleaseColumnUnknownField", columns([](Columns& c) {
                               c[0].GetReflection()->MutableUnknownFields(&c[0])->AddVarint(99, 1);
                             }),
                             Code::kInvalidArgument));
  return cases;
}

}  // namespace

std::vector<Case> InsightsCases() {
  return Joined({PeriodCases(), AccessCases(), EntryCases(), PlanCases(), ReleaseCases()});
}

}  // namespace candour::services::bad_input
