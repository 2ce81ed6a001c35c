// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/insight_views_service.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/insight_release.h"
#include "core/insight_views.h"
#include "core/period.h"
#include "services/insights_ledger.h"

namespace candour::services {
namespace {

// A stored release as views read it. The server checked its shape against
// its units before storing it, so a failure here is damage: DATA_LOSS.
struct StoredRelease {
  const StoredEntry* entry = nullptr;
  core::UnitMap map;
  core::ReleasedCells cells;

  core::ReleaseForView ForView() const { return {&entry->entry.release(), &map, &cells, entry->sequence}; }
};

absl::StatusOr<StoredRelease> ReadStored(const StoredEntry& entry) {
  StoredRelease out;
  out.entry = &entry;
  absl::StatusOr<core::UnitMap> map = core::UnitMapOf(entry.entry.release());
  if (!map.ok()) return absl::DataLossError(absl::StrCat("stored release ", entry.sequence, " has unreadable units"));
  out.map = *std::move(map);
  absl::StatusOr<core::ReleasedCells> cells = core::CellsOfColumns(entry.stored.columns());
  if (!cells.ok()) return absl::DataLossError(absl::StrCat("stored release ", entry.sequence, " repeats a column"));
  out.cells = *std::move(cells);
  return out;
}

// A view that fails over stored releases is the store's fault, not the caller's.
absl::Status AsDataLoss(const absl::Status& status) {
  if (status.ok() || status.code() == absl::StatusCode::kDataLoss) return status;
  return absl::DataLossError(absl::StrCat("stored releases do not make a view: ", status.message()));
}

absl::StatusOr<core::Period> ParsePeriodText(const std::string& text, bool year_only) {
  absl::StatusOr<core::Period> period = core::ParsePeriod(text);
  if (!period.ok() || (year_only && period->quarter != 0)) {
    return absl::InvalidArgumentError(year_only ? "year must look like 2026-27"
                                                : "period must be a financial year (2026-27) or quarter (2026-27Q3)");
  }
  return period;
}

}  // namespace

absl::StatusOr<uint64_t> InsightViewsService::LedgerLength() const {
  absl::StatusOr<std::optional<storage::LedgerRecord>> last = store_->LastLedger();
  if (!last.ok()) return last.status();
  return last->has_value() ? (*last)->sequence : 0;
}

absl::StatusOr<candour::v1::GetTablesResponse> InsightViewsService::GetTables(
    const Caller& caller, const candour::v1::GetTablesRequest& request) const {
  absl::StatusOr<core::Period> period = ParsePeriodText(request.period(), false);
  if (!period.ok()) return period.status();
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_INSIGHTS_QUERY,
                                       absl::StrCat("tables ", period->name)});
      !s.ok()) {
    return s;
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  const StoredEntry* entry = ledger->ReleaseOf(period->name);
  if (entry == nullptr) return absl::NotFoundError(absl::StrCat(period->name, " has not been released"));
  absl::StatusOr<StoredRelease> release = ReadStored(*entry);
  if (!release.ok()) return release.status();
  // Only the columns this role may see reach the view.
  std::erase_if(release->cells, [&](const auto& column) {
    std::optional<core::InsightTable> table = core::TableFromId(candour::v1::InsightTableId(column.first.first));
    return !table.has_value() || !core::MaySeeColumn(caller.grants, *table, column.first.second);
  });
  absl::StatusOr<std::vector<candour::v1::TableView>> tables = core::BuildTableViews(release->ForView());
  if (!tables.ok()) return AsDataLoss(tables.status());
  candour::v1::GetTablesResponse response;
  response.set_release_sequence(entry->sequence);
  for (candour::v1::TableView& table : *tables) *response.add_tables() = std::move(table);
  return response;
}

absl::StatusOr<candour::v1::GetHotspotsResponse> InsightViewsService::GetHotspots(
    const Caller& caller, const candour::v1::GetHotspotsRequest& request) {
  absl::StatusOr<core::Period> year = ParsePeriodText(request.year(), true);
  if (!year.ok()) return year.status();
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_INSIGHTS_QUERY,
                                       absl::StrCat("hotspots ", year->name)});
      !s.ok()) {
    return s;
  }
  candour::v1::GetHotspotsResponse response;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = hotspots_.find(year->name); it != hotspots_.end()) {
      *response.mutable_view() = *it->second;
      return response;
    }
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  const StoredEntry* entry = ledger->ReleaseOf(year->name);
  if (entry == nullptr) return absl::NotFoundError(absl::StrCat(year->name, " has not been released"));
  absl::StatusOr<StoredRelease> release = ReadStored(*entry);
  if (!release.ok()) return release.status();
  absl::StatusOr<candour::v1::HotspotView> view = core::BuildHotspotView(release->ForView());
  if (!view.ok()) return AsDataLoss(view.status());
  // Hotspots read only the totals, which every role may see: one view serves all.
  auto kept = std::make_shared<const candour::v1::HotspotView>(*std::move(view));
  {
    std::lock_guard<std::mutex> lock(mu_);
    hotspots_.emplace(year->name, kept);
  }
  *response.mutable_view() = *kept;
  return response;
}

absl::StatusOr<candour::v1::GetTrendsResponse> InsightViewsService::GetTrends(const Caller& caller,
                                                                              const candour::v1::GetTrendsRequest&) {
  if (absl::Status s = audit_->Record({caller.account, candour::v1::AUDIT_ACTION_INSIGHTS_QUERY, "trends"}); !s.ok()) {
    return s;
  }
  absl::StatusOr<uint64_t> length = LedgerLength();
  if (!length.ok()) return length.status();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (trends_ != nullptr && trends_length_ == *length) return *trends_;
  }
  absl::StatusOr<LedgerView> ledger = LedgerView::Read(*store_);
  if (!ledger.ok()) return ledger.status();
  std::vector<StoredRelease> stored;
  for (const StoredEntry& entry : ledger->entries()) {
    if (!entry.entry.has_release()) continue;
    absl::StatusOr<core::Period> period = core::ParsePeriod(entry.entry.release().period());
    if (!period.ok() || period->quarter == 0) continue;
    absl::StatusOr<StoredRelease> release = ReadStored(entry);
    if (!release.ok()) return release.status();
    stored.push_back(*std::move(release));
  }
  std::vector<core::ReleaseForView> quarters;
  for (const StoredRelease& release : stored) quarters.push_back(release.ForView());
  absl::StatusOr<std::vector<candour::v1::TrendSeries>> series = core::BuildTrends(quarters);
  if (!series.ok()) return AsDataLoss(series.status());
  auto response = std::make_shared<candour::v1::GetTrendsResponse>();
  for (candour::v1::TrendSeries& one : *series) *response->add_series() = std::move(one);
  {
    std::lock_guard<std::mutex> lock(mu_);
    trends_ = response;
    trends_length_ = ledger->length();
  }
  return *response;
}

}  // namespace candour::services
