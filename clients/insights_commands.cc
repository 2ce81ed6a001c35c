// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour insights plan|release|budget`: the release holder signs the
// year's budget plan and each period's release on this machine; anyone with
// an insights role reads the budget. Figures shown are noisy and come only
// from releases checked here (clients/insights_access.h).
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/commands.h"
#include "clients/guardian_case.h"
#include "clients/insights_access.h"
#include "clients/insights_reader.h"
#include "clients/release_maker.h"
#include "clients/state_file.h"
#include "core/budget_explanation.h"
#include "core/budget_ledger.h"
#include "core/epsilon.h"
#include "core/insight_release.h"
#include "core/plan_override.h"
#include "core/period.h"
#include "crypto/ledger.h"
#include "crypto/sealed_tag.h"
#include "crypto/sodium_random_source.h"

namespace candour::clients {
namespace {

constexpr char kPlanHelp[] = R"(Usage: candour insights plan --year YYYY-YY --account NAME --key FILE [--cap EPSILON]
         [--table TABLE[:year|quarter]=EPSILON|none ...] [--passphrase-file FILE]

Signs the financial year's privacy budget plan with your key (you must be
the release holder the directory names) and adds it to the insights ledger.
A plan must be signed before the year's first report arrives, and can later
only shrink. The plan is the default one (docs/INSIGHTS.md, "Budget") unless
changed; its units are fixed from the current directory for the whole year.
  --cap      the most one report may cost over the year (default 2)
  --table    changes one planned release, and may be given several times:
             unit-total=0.5 sets its epsilon; organisation-total:quarter=none
             drops the quarterly organisation total; directorate-by-kind:quarter=0.1
             adds a release the default does not have. The tables are
             unit-total, directorate-total, directorate-by-kind,
             directorate-by-characteristic, directorate-by-source and
             organisation-total.
)";

constexpr char kReleaseHelp[] = R"(Usage: candour insights release --period PERIOD --account NAME --key FILE
         [--passphrase-file FILE]

Releases a finished period ("2026-27" for the year's tables, "2026-27Q3" for
a quarter's): fetches the period's sealed tags, opens and counts them on this
machine, adds noise, signs with your key (you must be the release holder)
and uploads the noisy tables. True counts never leave this machine's memory
and are never shown. A period is released once, after it ends, and never
revised; the ledger refuses a release past the year's budget.
)";

constexpr char kBudgetHelp[] = R"(Usage: candour insights budget --year YYYY-YY --account NAME [--passphrase-file FILE]

Shows the year's privacy budget plan, what has been released and spent, and
what the budget means for one report and for a person who makes two or three.
)";

absl::StatusOr<core::Period> YearArg(const Args& args) {
  absl::StatusOr<core::Period> year = core::ParsePeriod(args.Get("year"));
  if (!year.ok() || year->quarter != 0) {
    return WithHint(absl::InvalidArgumentError("--year must name a financial year, like 2026-27"),
                    "NHS financial years run April to March");
  }
  return year;
}

// The current directory, checked, and that this Guardian holds releases.
absl::StatusOr<crypto::VerifiedDirectory> ReleaseHolderDirectory(GuardianSession& guardian) {
  absl::StatusOr<crypto::VerifiedDirectory> directory = FetchCurrentDirectory(guardian.connection());
  if (!directory.ok()) return directory.status();
  if (directory->directory.release_holder_key_id() != guardian.keys().key_id) {
    return WithHint(absl::PermissionDeniedError("your key is not the directory's release holder"),
                    "the directory names one Guardian to sign insights releases (candour directory show)");
  }
  return directory;
}

// Signs `entry` (its sequence and previous hash set from `ledger`) and publishes it.
absl::StatusOr<uint64_t> SignAndPublish(GuardianSession& guardian, const crypto::VerifiedDirectory& directory,
                                        const VerifiedLedger& ledger, candour::v1::LedgerEntry entry,
                                        std::vector<candour::v1::ReleasedColumn> columns) {
  entry.set_organisation_id(directory.directory.organisation_id());
  entry.set_sequence(ledger.length() + 1);
  entry.set_previous_hash(ledger.head_hash());
  entry.set_signer_directory_version(directory.directory.version());
  entry.set_signed_day(core::TodayInLondon());
  candour::v1::PublishLedgerEntryRequest request;
  *request.mutable_entry() = crypto::SignLedgerEntry(entry.SerializeAsString(), guardian.keys().sign);
  for (candour::v1::ReleasedColumn& column : columns) *request.add_columns() = std::move(column);
  InsightsClient insights = guardian.insights();
  absl::StatusOr<candour::v1::PublishLedgerEntryResponse> published = insights.PublishLedgerEntry(request);
  if (!published.ok()) return published.status();
  // Remember the new head at once, so a server that later drops it is caught.
  LedgerHeads heads(StateFileBeside(guardian.connection().options.state_file, "ledger-heads"));
  if (absl::Status s = heads.Remember(directory.directory.organisation_id(), ledger.length() + 1,
                                      crypto::LedgerEntryHash(request.entry().entry()));
      !s.ok()) {
    return s;
  }
  return ledger.length() + 1;
}

// The aggregation key sealed to this Guardian in `directory`.
absl::StatusOr<crypto::X25519KeyPair> AggregationKey(const crypto::VerifiedDirectory& directory,
                                                     const crypto::RecipientKeys& keys) {
  for (const candour::v1::SealedKeyRecord& record : directory.directory.aggregation_key_records()) {
    if (record.recipient_key_id() != keys.key_id) continue;
    absl::StatusOr<crypto::SecretBytes> secret = crypto::OpenSealed(keys.box, record.sealed_secret_key());
    if (!secret.ok() || secret->size() != 32) break;
    absl::StatusOr<crypto::X25519KeyPair> pair =
        crypto::X25519KeyPairFromSecret(crypto::SecretKey<32>::CopyOf(secret->span()));
    if (!pair.ok() || pair->public_key != directory.directory.aggregation_public_key()) break;
    return pair;
  }
  return WithHint(absl::FailedPreconditionError("no aggregation key opens for you in the current directory"),
                  "the directory must seal the aggregation key to the release holder");
}

}  // namespace

absl::Status RunInsightsPlan(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"year", "account", "key", "passphrase-file", "cap", "table"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kPlanHelp, stdout), absl::OkStatus();
  absl::StatusOr<core::Period> year = YearArg(*args);
  if (!year.ok()) return year.status();
  core::YearPlan plan = core::DefaultPlan(year->start_year);
  if (args->Has("cap")) {
    absl::StatusOr<core::noise::Fraction> cap = core::ParseEpsilon(args->Get("cap"));
    if (!cap.ok()) return WithHint(cap.status(), "--cap is an epsilon such as 2 or 1.5");
    plan.cap = *cap;
  }
  for (const std::string& spec : args->GetAll("table")) {
    if (absl::Status s = core::OverridePlannedRelease(spec, &plan); !s.ok()) {
      return WithHint(s, "for example --table unit-total=0.5 or --table organisation-total:quarter=none");
    }
  }
  if (absl::Status s = core::ValidatePlan(plan); !s.ok()) return s;
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  absl::StatusOr<crypto::VerifiedDirectory> directory = ReleaseHolderDirectory(**guardian);
  if (!directory.ok()) return directory.status();
  InsightsClient insights = (*guardian)->insights();
  absl::StatusOr<VerifiedLedger> ledger =
      FetchVerifiedLedger((*guardian)->connection(), insights, directory->directory.organisation_id());
  if (!ledger.ok()) return ledger.status();
  candour::v1::LedgerEntry entry;
  *entry.mutable_plan() = core::YearPlanToProto(plan, directory->directory.version());
  absl::StatusOr<uint64_t> sequence = SignAndPublish(**guardian, *directory, *ledger, std::move(entry), {});
  if (!sequence.ok()) return sequence.status();
  std::printf("Signed the %s budget plan (ledger entry %llu), units from directory version %llu.\n",
              year->name.c_str(), static_cast<unsigned long long>(*sequence),
              static_cast<unsigned long long>(directory->directory.version()));
  absl::StatusOr<std::vector<std::string>> words = core::ExplainBudget(plan);
  if (words.ok()) std::printf("%s\n", absl::StrJoin(*words, "\n").c_str());
  return absl::OkStatus();
}

absl::Status RunInsightsRelease(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"period", "account", "key", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kReleaseHelp, stdout), absl::OkStatus();
  absl::StatusOr<core::Period> period = core::ParsePeriod(args->Get("period"));
  if (!period.ok()) {
    return WithHint(absl::InvalidArgumentError("--period must be a year (2026-27) or quarter (2026-27Q3)"),
                    "Q1 is April to June");
  }
  // The server refuses it too; refusing here first means a running period's
  // tags are never fetched (an audited read) or opened on this machine.
  if (core::TodayInLondon() <= period->last_day) {
    return absl::FailedPreconditionError(absl::StrCat(period->name, " can be released from ",
                                                      core::FormatDay(period->last_day + 1), ", after it ends"));
  }
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  absl::StatusOr<crypto::VerifiedDirectory> directory = ReleaseHolderDirectory(**guardian);
  if (!directory.ok()) return directory.status();
  const std::string& organisation_id = directory->directory.organisation_id();
  InsightsClient insights = (*guardian)->insights();
  absl::StatusOr<VerifiedLedger> ledger = FetchVerifiedLedger((*guardian)->connection(), insights, organisation_id);
  if (!ledger.ok()) return ledger.status();
  if (ledger->ReleaseOf(period->name) != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat(period->name, " has been released; a release is never revised"));
  }
  const core::Period year = core::FinancialYearOf(period->first_day);
  const VerifiedLedgerEntry* plan_entry = ledger->PlanOf(year.name);
  if (plan_entry == nullptr) {
    return WithHint(absl::FailedPreconditionError(absl::StrCat(year.name, " has no budget plan")),
                    "a plan is signed before the year's first report: candour insights plan");
  }
  absl::StatusOr<core::YearPlan> plan = core::YearPlanFromProto(plan_entry->entry.plan());
  if (!plan.ok()) return plan.status();
  const std::vector<core::PlannedTable> tables = core::PlannedTablesFor(*plan, *period);
  // Checked here too, so a refusal comes before any tag is fetched or opened.
  std::vector<core::LedgerEntry> proposed;
  for (const core::PlannedTable& t : tables) proposed.push_back({t.table, *period, t.epsilon, 1});
  if (absl::Status s = core::CheckRelease(*plan, ledger->BudgetEntriesOf(year), proposed); !s.ok()) return s;
  absl::StatusOr<candour::v1::Directory> units_directory =
      PinnedDirectories((*guardian)->connection())(plan_entry->entry.plan().directory_version());
  if (!units_directory.ok()) return units_directory.status();
  absl::StatusOr<core::UnitMap> map =
      core::BuildUnitMap({units_directory->departments().begin(), units_directory->departments().end()});
  if (!map.ok()) return map.status();
  absl::StatusOr<crypto::X25519KeyPair> aggregation = AggregationKey(*directory, (*guardian)->keys());
  if (!aggregation.ok()) return aggregation.status();

  std::vector<candour::v1::TaggedReport> reports;
  std::vector<std::string> marks;
  absl::Status fetched = insights.FetchTags(period->name, std::chrono::minutes(30),
                                            [&](candour::v1::FetchTagsResponse& message) {
                                              for (auto& r : *message.mutable_reports()) reports.push_back(std::move(r));
                                              for (auto& m : *message.mutable_sealed_link_marks()) marks.push_back(std::move(m));
                                            });
  if (!fetched.ok()) return fetched;
  std::map<std::string, std::string> guardians;  // key id -> Ed25519 key
  for (const candour::v1::Recipient& r : directory->directory.recipients()) {
    if (r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN) guardians[r.key_id()] = r.ed25519_public_key();
  }
  ReleaseInputs inputs;
  inputs.period = *period;
  inputs.map = &*map;
  inputs.tables = tables;
  inputs.aggregation = &*aggregation;
  inputs.organisation_id = organisation_id;
  inputs.author_public_key = [&guardians](std::string_view key_id) -> std::optional<std::string> {
    auto it = guardians.find(std::string(key_id));
    if (it == guardians.end()) return std::nullopt;
    return it->second;
  };
  inputs.noise = crypto::SodiumRandomSource();
  absl::StatusOr<ReleaseMade> made = MakeRelease(inputs, reports, marks);
  if (!made.ok()) return made.status();
  candour::v1::LedgerEntry entry;
  *entry.mutable_release() = made->release;
  absl::StatusOr<uint64_t> sequence =
      SignAndPublish(**guardian, *directory, *ledger, std::move(entry), std::move(made->columns));
  if (!sequence.ok()) return sequence.status();
  std::vector<std::string> names;
  for (const core::PlannedTable& t : tables) names.push_back(core::TableName(t.table));
  std::printf("Released %s (ledger entry %llu): %s.\n", period->name.c_str(),
              static_cast<unsigned long long>(*sequence), absl::StrJoin(names, ", ").c_str());
  std::printf("Read %zu sealed tags: %zu did not open or fit the year's units and count nowhere; %zu marked "
              "malicious do not count; %zu count inside a linked group; %zu link marks did not verify.\n",
              made->tags, made->malformed_tags, made->excluded_malicious, made->linked_away, made->unreadable_marks);
  return absl::OkStatus();
}

absl::Status RunInsightsBudget(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"year", "account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kBudgetHelp, stdout), absl::OkStatus();
  absl::StatusOr<core::Period> year = YearArg(*args);
  if (!year.ok()) return year.status();
  return WithVerifiedLedger(*args, globals, [&](Session&, InsightsClient&, const VerifiedLedger& verified) {
    const VerifiedLedger* ledger = &verified;
    const VerifiedLedgerEntry* plan_entry = ledger->PlanOf(year->name);
    if (plan_entry == nullptr) {
      std::printf("%s has no budget plan yet: nothing can be released about it.\n", year->name.c_str());
      return absl::OkStatus();
    }
    absl::StatusOr<core::YearPlan> plan = core::YearPlanFromProto(plan_entry->entry.plan());
    if (!plan.ok()) return plan.status();
    const std::vector<core::LedgerEntry> spent = ledger->BudgetEntriesOf(*year);
    absl::StatusOr<core::noise::Fraction> used = core::PerReportEpsilon(year->start_year, spent);
    absl::StatusOr<core::noise::Fraction> planned = core::PlannedPerReportEpsilon(*plan);
    if (!used.ok()) return used.status();
    if (!planned.ok()) return planned.status();
    std::printf("Budget for %s (plan in ledger entry %llu; units from directory version %llu)\n",
                year->name.c_str(), static_cast<unsigned long long>(plan_entry->sequence),
                static_cast<unsigned long long>(plan_entry->entry.plan().directory_version()));
    std::printf("  cap per report:       %s\n", core::FormatEpsilon(plan->cap).c_str());
    std::printf("  planned per report:   %s\n", core::FormatEpsilon(*planned).c_str());
    std::printf("  spent per report:     %s\n", core::FormatEpsilon(*used).c_str());
    std::printf("\n  %-30s %-8s %-8s %s\n", "table", "period", "epsilon", "released");
    for (const core::PlannedRelease& p : plan->releases) {
      std::vector<std::string> done;
      for (const core::LedgerEntry& e : spent) {
        if (e.table == p.table && (e.period.quarter == 0) == (p.granularity == core::Granularity::kYear)) {
          done.push_back(e.period.name);
        }
      }
      std::printf("  %-30s %-8s %-8s %s\n", core::TableName(p.table).c_str(),
                  p.granularity == core::Granularity::kYear ? "year" : "quarter", core::FormatEpsilon(p.epsilon).c_str(),
                  done.empty() ? "-" : absl::StrJoin(done, " ").c_str());
    }
    absl::StatusOr<std::vector<std::string>> words = core::ExplainBudget(*plan);
    if (words.ok()) std::printf("\n%s\n", absl::StrJoin(*words, "\n").c_str());
    return absl::OkStatus();
  });
}

}  // namespace candour::clients
