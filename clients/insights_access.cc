// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/insights_access.h"

#include "absl/strings/str_cat.h"
#include "clients/intake_client.h"
#include "clients/state_file.h"
#include "core/insight_release.h"
#include "crypto/ledger.h"

namespace candour::clients {
namespace {

absl::Status Unchecked(std::string message) {
  return WithHint(absl::DataLossError(std::move(message)),
                  "the server served a release that does not match what the release holder signed: do not use "
                  "these figures, and tell your Guardian and administrator");
}

}  // namespace

DirectoryOf PinnedDirectories(Session& connection) {
  return [&connection](uint64_t version) -> absl::StatusOr<candour::v1::Directory> {
    IntakeClient intake(connection.channel, connection.options.channel.deadline);
    absl::StatusOr<candour::v1::SignedDirectory> signed_directory = intake.GetDirectory(version);
    if (!signed_directory.ok()) return signed_directory.status();
    absl::StatusOr<crypto::VerifiedDirectory> verified =
        connection.trust->AcceptHistorical(*signed_directory, version);
    if (!verified.ok()) return WithHint(verified.status(), "the server's directory cannot be trusted");
    return verified->directory;
  };
}

absl::StatusOr<VerifiedLedger> FetchVerifiedLedger(Session& connection, InsightsClient& insights,
                                                   const std::string& organisation_id) {
  std::vector<candour::v1::SignedLedgerEntry> entries;
  for (;;) {
    absl::StatusOr<candour::v1::GetLedgerResponse> page = insights.GetLedger(entries.size());
    if (!page.ok()) return page.status();
    for (candour::v1::SignedLedgerEntry& e : *page->mutable_entries()) entries.push_back(std::move(e));
    if (page->entries().empty() || entries.size() >= page->length()) break;
  }
  absl::StatusOr<VerifiedLedger> ledger = VerifyLedger(entries, organisation_id, PinnedDirectories(connection));
  if (!ledger.ok()) return ledger.status();
  LedgerHeads heads(StateFileBeside(connection.options.state_file, "ledger-heads"));
  if (absl::Status s = heads.Check(organisation_id, *ledger); !s.ok()) return s;
  return ledger;
}

absl::StatusOr<ReadRelease> FetchRelease(Session& connection, InsightsClient& insights, const VerifiedLedger& ledger,
                                         const std::string& period) {
  const VerifiedLedgerEntry* entry = ledger.ReleaseOf(period);
  if (entry == nullptr) return absl::NotFoundError(absl::StrCat(period, " has not been released"));
  absl::StatusOr<candour::v1::GetReleaseResponse> served = insights.GetRelease(period);
  if (!served.ok()) return served.status();
  if (served->entry().entry() != entry->signed_entry.entry()) {
    return Unchecked(absl::StrCat("the release of ", period, " is not the ledger's"));
  }
  const core::Period year = core::FinancialYearOf(core::ParsePeriod(period).value().first_day);
  const VerifiedLedgerEntry* plan_entry = ledger.PlanOf(year.name, entry->sequence);
  if (plan_entry == nullptr || served->plan().entry() != plan_entry->signed_entry.entry()) {
    return Unchecked(absl::StrCat("the plan served with ", period, " is not the ledger's"));
  }
  ReadRelease read;
  read.release = entry->entry.release();
  read.sequence = entry->sequence;
  absl::StatusOr<core::YearPlan> plan = core::YearPlanFromProto(plan_entry->entry.plan());
  if (!plan.ok()) return Unchecked(absl::StrCat("the plan of ", year.name, " does not read"));
  read.plan = *std::move(plan);
  absl::StatusOr<candour::v1::Directory> directory =
      PinnedDirectories(connection)(plan_entry->entry.plan().directory_version());
  if (!directory.ok()) return directory.status();
  absl::StatusOr<core::UnitMap> map = core::BuildUnitMap({directory->departments().begin(), directory->departments().end()});
  if (!map.ok()) return Unchecked(absl::StrCat("the units of ", year.name, " cannot be built"));
  read.map = *std::move(map);
  const absl::StatusOr<core::Period> parsed = core::ParsePeriod(period);
  if (absl::Status s = core::CheckReleaseShape(read.release, read.map, core::PlannedTablesFor(read.plan, *parsed));
      !s.ok()) {
    return Unchecked(absl::StrCat("the release of ", period, ": ", s.message()));
  }
  for (const candour::v1::ReleasedColumn& column : served->columns()) {
    const candour::v1::TableHeader* header = nullptr;
    for (const candour::v1::TableHeader& h : read.release.tables()) {
      if (h.table() == column.table()) header = &h;
    }
    absl::StatusOr<std::string> commitment = crypto::ColumnCommitment(column);
    if (header == nullptr || column.column() >= header->columns() || !commitment.ok() ||
        *commitment != header->column_commitments(static_cast<int>(column.column())) ||
        column.cells_size() != static_cast<int>(header->rows())) {
      return Unchecked(absl::StrCat("a column of ", period, " does not match its signed commitment"));
    }
    read.columns[{static_cast<int>(column.table()), column.column()}] =
        std::vector<int64_t>(column.cells().begin(), column.cells().end());
  }
  return read;
}

}  // namespace candour::clients
