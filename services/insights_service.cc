// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/insights_service.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "candour/v1/records.pb.h"
#include "core/budget_ledger.h"
#include "core/insight_release.h"
#include "core/insight_units.h"
#include "crypto/envelope.h"
#include "crypto/ledger.h"
#include "crypto/sealed_tag.h"
#include "services/insights_ledger.h"

namespace candour::services {
namespace {

using candour::v1::LedgerEntry;

// A tagged report held for shuffling, in 80 bytes with no allocation of its
// own: a period's worth (a million at most sizes) is held at once, and two
// std::strings each would take over twice that.
struct Tagged {
  std::array<char, crypto::kReportIdSize> report_id;
  std::array<char, crypto::kSealedTagSize> sealed_tag;
};

// Fisher-Yates with libsodium's unbiased uniform draws: the order the
// release holder sees says nothing of the order reports arrived in.
void Shuffle(std::vector<Tagged>& items) {
  for (size_t i = items.size(); i > 1; --i) {
    const size_t j = randombytes_uniform(static_cast<uint32_t>(i));
    std::swap(items[i - 1], items[j]);
  }
}

absl::StatusOr<core::Period> ParsePeriodField(const std::string& text) {
  absl::StatusOr<core::Period> period = core::ParsePeriod(text);
  if (!period.ok()) return absl::InvalidArgumentError("period must be a financial year (2026-27) or quarter (2026-27Q3)");
  return period;
}

// The stored directory `version`, parsed. It was verified when it was published.
absl::StatusOr<candour::v1::Directory> StoredDirectory(const DirectoryRegistry& directories, uint64_t version) {
  absl::StatusOr<candour::v1::SignedDirectory> signed_directory = directories.Get(version);
  if (!signed_directory.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("directory version ", version, " is not stored here"));
  }
  candour::v1::Directory directory;
  if (!directory.ParseFromString(signed_directory->directory())) {
    return absl::DataLossError(absl::StrCat("stored directory version ", version, " does not parse"));
  }
  return directory;
}

// The units fixed by a plan's directory version.
absl::StatusOr<core::UnitMap> UnitMapOfVersion(const DirectoryRegistry& directories, uint64_t version) {
  absl::StatusOr<candour::v1::Directory> directory = StoredDirectory(directories, version);
  if (!directory.ok()) return directory.status();
  return core::BuildUnitMap({directory->departments().begin(), directory->departments().end()});
}

bool HasUnknownFields(const google::protobuf::Message& message) {
  return !message.GetReflection()->GetUnknownFields(message).empty();
}

// Every column of every table, each once, with as many cells as rows and the
// commitment the header makes to it.
absl::Status CheckColumns(const candour::v1::Release& release,
                          const google::protobuf::RepeatedPtrField<candour::v1::ReleasedColumn>& columns) {
  std::map<std::pair<int, uint32_t>, const candour::v1::ReleasedColumn*> by_cell;
  for (const candour::v1::ReleasedColumn& column : columns) {
    // Stored and served as given, so a field the commitment does not cover
    // would ride along to readers unchecked.
    if (HasUnknownFields(column)) {
      return absl::InvalidArgumentError("a released column has fields this server does not know");
    }
    if (!by_cell.emplace(std::make_pair(static_cast<int>(column.table()), column.column()), &column).second) {
      return absl::InvalidArgumentError("a released column is given twice");
    }
  }
  size_t expected = 0;
  for (const candour::v1::TableHeader& header : release.tables()) {
    for (uint32_t c = 0; c < header.columns(); ++c) {
      ++expected;
      auto it = by_cell.find({static_cast<int>(header.table()), c});
      if (it == by_cell.end()) return absl::InvalidArgumentError("a released column is missing");
      const candour::v1::ReleasedColumn& column = *it->second;
      if (column.cells_size() != static_cast<int>(header.rows())) {
        return absl::InvalidArgumentError("a released column does not have one cell per row");
      }
      absl::StatusOr<std::string> commitment = crypto::ColumnCommitment(column);
      if (!commitment.ok()) return commitment.status();
      if (*commitment != header.column_commitments(static_cast<int>(c))) {
        return absl::InvalidArgumentError("a released column does not match its signed commitment");
      }
    }
  }
  if (expected != by_cell.size()) return absl::InvalidArgumentError("a released column is not in the release");
  return absl::OkStatus();
}

}  // namespace

absl::Status InsightsService::FetchTags(const Caller& caller, const candour::v1::FetchTagsRequest& request,
                                        const std::function<bool(const candour::v1::FetchTagsResponse&)>& write) const {
  absl::StatusOr<core::Period> period = ParsePeriodField(request.period());
  if (!period.ok()) return period.status();
  // A running period's tags would be record-level data about reports still
  // arriving, and could never be released anyway.
  if (today_() <= period->last_day) {
    return absl::FailedPreconditionError(absl::StrCat(period->name, " has not ended: its tags are fetched after it ends"));
  }
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_FETCH_TAGS, period->name}); !s.ok()) {
    return s;
  }
  std::vector<Tagged> tagged;
  bool malformed = false;
  absl::Status walked = store_->ForEachArrival(period->first_day, period->last_day,
                                               [&](int32_t, std::string_view id, std::string_view sealed_tag) {
                                                 if (id.size() != crypto::kReportIdSize ||
                                                     sealed_tag.size() != crypto::kSealedTagSize) {
                                                   malformed = true;
                                                   return;
                                                 }
                                                 Tagged& t = tagged.emplace_back();
                                                 std::memcpy(t.report_id.data(), id.data(), id.size());
                                                 std::memcpy(t.sealed_tag.data(), sealed_tag.data(), sealed_tag.size());
                                               });
  if (!walked.ok()) return walked;
  if (malformed) return absl::DataLossError("a stored arrival has a report id or sealed tag of the wrong size");
  Shuffle(tagged);

  for (size_t first = 0; first < tagged.size(); first += kTagsPerMessage) {
    candour::v1::FetchTagsResponse message;
    for (size_t i = first; i < std::min(tagged.size(), first + kTagsPerMessage); ++i) {
      candour::v1::TaggedReport* out = message.add_reports();
      out->set_report_id(tagged[i].report_id.data(), tagged[i].report_id.size());
      out->set_sealed_tag(tagged[i].sealed_tag.data(), tagged[i].sealed_tag.size());
      absl::StatusOr<std::optional<std::string>> workflow = store_->GetWorkflow(out->report_id());
      if (!workflow.ok()) return workflow.status();
      if (!workflow->has_value()) continue;
      candour::v1::WorkflowRecord record;
      if (!record.ParseFromString(**workflow)) return absl::DataLossError("a stored workflow record does not parse");
      for (const std::string& mark : record.sealed_link_marks()) message.add_sealed_link_marks(mark);
    }
    if (!write(message)) return absl::CancelledError("the client stopped reading");
  }
  return absl::OkStatus();
}

absl::StatusOr<candour::v1::GetLedgerResponse> InsightsService::GetLedger(
    const Caller& caller, const candour::v1::GetLedgerRequest& request) const {
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_INSIGHTS_QUERY, "ledger"}); !s.ok()) {
    return s;
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  candour::v1::GetLedgerResponse response;
  response.set_length(ledger->length());
  for (const StoredEntry& e : ledger->entries()) {
    if (e.sequence <= request.after_sequence()) continue;
    if (static_cast<uint64_t>(response.entries_size()) >= kMaxLedgerPage) break;
    *response.add_entries() = e.stored.entry();
  }
  return response;
}

absl::StatusOr<candour::v1::GetReleaseResponse> InsightsService::GetRelease(
    const Caller& caller, const candour::v1::GetReleaseRequest& request) const {
  absl::StatusOr<core::Period> period = ParsePeriodField(request.period());
  if (!period.ok()) return period.status();
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_INSIGHTS_QUERY, period->name});
      !s.ok()) {
    return s;
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  const StoredEntry* release = ledger->ReleaseOf(period->name);
  if (release == nullptr) return absl::NotFoundError(absl::StrCat(period->name, " has not been released"));
  const core::Period year = core::FinancialYearOf(period->first_day);
  const StoredEntry* plan = ledger->PlanOf(year.name, release->sequence);
  if (plan == nullptr) return absl::DataLossError("a stored release has no plan before it");

  candour::v1::GetReleaseResponse response;
  *response.mutable_entry() = release->stored.entry();
  *response.mutable_plan() = plan->stored.entry();
  for (const candour::v1::ReleasedColumn& column : release->stored.columns()) {
    std::optional<core::InsightTable> table = core::TableFromId(column.table());
    if (table.has_value() && core::MaySeeColumn(caller.grants, *table, column.column())) {
      *response.add_columns() = column;
    }
  }
  return response;
}

absl::StatusOr<candour::v1::PublishLedgerEntryResponse> InsightsService::PublishLedgerEntry(
    const Caller& caller, const candour::v1::PublishLedgerEntryRequest& request) {
  // The signed entry is stored and served as given: a field beside the
  // signed bytes would be neither signed nor checked.
  if (HasUnknownFields(request.entry())) {
    return absl::InvalidArgumentError("signed ledger entry has fields this server does not know");
  }
  std::lock_guard<std::mutex> lock(publish_mu_);
  std::shared_ptr<const CurrentDirectory> current = directories_->Current();
  if (current == nullptr) return absl::FailedPreconditionError("no directory has been published");
  const candour::v1::Directory& directory = current->directory();
  absl::StatusOr<LedgerEntry> entry = crypto::VerifyLedgerEntry(request.entry(), directory.release_public_key());
  if (!entry.ok()) {
    // A signed entry this server cannot read is the client's input, not our data.
    if (entry.status().code() == absl::StatusCode::kDataLoss) return absl::InvalidArgumentError(entry.status().message());
    return entry.status();
  }
  if (entry->organisation_id() != directory.organisation_id()) {
    return absl::InvalidArgumentError("ledger entry is for another organisation");
  }
  if (entry->signer_directory_version() != directory.version()) {
    return absl::FailedPreconditionError(absl::StrCat("ledger entry names directory version ",
                                                      entry->signer_directory_version(), "; the current one is ",
                                                      directory.version()));
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  if (entry->sequence() != ledger->length() + 1 || entry->previous_hash() != ledger->head_hash()) {
    return absl::FailedPreconditionError(
        absl::StrCat("ledger entry does not extend the stored ledger of ", ledger->length(), " entries"));
  }

  const core::Day today = today_();
  std::string object;
  if (entry->has_plan()) {
    if (!request.columns().empty()) return absl::InvalidArgumentError("a plan has no columns");
    const candour::v1::BudgetPlan& plan = entry->plan();
    absl::StatusOr<core::Period> year = core::ParsePeriod(plan.year());
    if (!year.ok() || year->quarter != 0) return absl::InvalidArgumentError("plan year must look like 2026-27");
    absl::StatusOr<core::YearPlan> proposed = core::YearPlanFromProto(plan);
    if (!proposed.ok()) return proposed.status();
    if (absl::Status s = core::ValidatePlan(*proposed); !s.ok()) return s;
    if (absl::StatusOr<core::UnitMap> map = UnitMapOfVersion(*directories_, plan.directory_version()); !map.ok()) {
      return map.status();
    }

    if (const StoredEntry* earlier = ledger->PlanOf(year->name); earlier != nullptr) {
      if (earlier->entry.plan().directory_version() != plan.directory_version()) {
        return absl::FailedPreconditionError("a changed plan must keep the year's directory version");
      }
      absl::StatusOr<core::YearPlan> old_plan = core::YearPlanFromProto(earlier->entry.plan());
      if (!old_plan.ok()) return absl::DataLossError("a stored plan does not parse");
      if (absl::Status s = core::CheckPlanChange(*old_plan, *proposed); !s.ok()) return s;
    } else if (today >= year->first_day) {
      // A plan chosen after reports of its year exist could be chosen to suit
      // them. Before the year's first report it is as blind as one made
      // before the year began (an organisation that starts mid-year).
      bool any = false;
      absl::Status walked = store_->ForEachArrival(year->first_day, year->last_day,
                                                   [&](int32_t, std::string_view, std::string_view) { any = true; });
      if (!walked.ok()) return walked;
      if (any) {
        return absl::FailedPreconditionError(
            absl::StrCat("reports of ", year->name, " have arrived: its plan had to be signed before"));
      }
    }
    object = absl::StrCat("plan ", year->name);
  } else if (entry->has_release()) {
    const candour::v1::Release& release = entry->release();
    absl::StatusOr<core::Period> period = ParsePeriodField(release.period());
    if (!period.ok()) return period.status();
    if (today <= period->last_day) {
      return absl::FailedPreconditionError(absl::StrCat(period->name, " can be released from ",
                                                        core::FormatDay(period->last_day + 1), ", after it ends"));
    }
    if (ledger->ReleaseOf(period->name) != nullptr) {
      return absl::AlreadyExistsError(absl::StrCat(period->name, " has been released; a release is never revised"));
    }
    const core::Period year = core::FinancialYearOf(period->first_day);
    const StoredEntry* plan_entry = ledger->PlanOf(year.name);
    if (plan_entry == nullptr) return absl::FailedPreconditionError(absl::StrCat(year.name, " has no budget plan"));
    absl::StatusOr<core::YearPlan> plan = core::YearPlanFromProto(plan_entry->entry.plan());
    if (!plan.ok()) return absl::DataLossError("a stored plan does not parse");
    absl::StatusOr<core::UnitMap> map = UnitMapOfVersion(*directories_, plan_entry->entry.plan().directory_version());
    if (!map.ok()) return map.status();
    if (absl::Status s = core::CheckReleaseShape(release, *map, core::PlannedTablesFor(*plan, *period)); !s.ok()) return s;
    if (absl::Status s = CheckColumns(release, request.columns()); !s.ok()) return s;
    std::vector<core::LedgerEntry> proposed;
    for (const candour::v1::TableHeader& header : release.tables()) {
      proposed.push_back(core::LedgerEntry{*core::TableFromId(header.table()), *period,
                                           *core::EpsilonFromProto(header.epsilon()), header.sensitivity()});
    }
    if (absl::Status s = core::CheckRelease(*plan, core::BudgetEntriesIn(ledger->entries(), year), proposed);
        !s.ok()) {
      return s;
    }
    object = absl::StrCat("release ", period->name);
  } else {
    return absl::InvalidArgumentError("ledger entry is neither a plan nor a release");
  }

  candour::v1::StoredLedgerEntry stored;
  *stored.mutable_entry() = request.entry();
  *stored.mutable_columns() = request.columns();
  storage::UnitOfWork unit;
  unit.AppendLedger(storage::LedgerRecord{entry->sequence(), stored.SerializeAsString()});
  absl::StatusOr<storage::CommitOutcome> committed =
      audit_->Commit(std::move(unit), {caller.account, candour::v1::AUDIT_ACTION_PUBLISH_LEDGER, object});
  if (!committed.ok()) return committed.status();
  candour::v1::PublishLedgerEntryResponse response;
  response.set_sequence(entry->sequence());
  return response;
}

}  // namespace candour::services
