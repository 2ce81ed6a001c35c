// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/insights_ledger.h"

#include "absl/strings/str_cat.h"
#include "core/insight_release.h"
#include "crypto/ledger.h"

namespace candour::services {
namespace {

// Entries read from the store at once.
constexpr size_t kReadPage = 256;

}  // namespace

absl::StatusOr<LedgerView> LedgerView::Read(storage::ReportStore& store) {
  LedgerView view;
  for (;;) {
    absl::StatusOr<std::vector<storage::LedgerRecord>> page = store.ReadLedger(view.length() + 1, kReadPage);
    if (!page.ok()) return page.status();
    for (storage::LedgerRecord& record : *page) {
      StoredEntry stored;
      stored.sequence = record.sequence;
      if (!stored.stored.ParseFromString(record.record) ||
          !stored.entry.ParseFromString(stored.stored.entry().entry()) ||
          stored.entry.sequence() != record.sequence || record.sequence != view.length() + 1) {
        return absl::DataLossError(absl::StrCat("stored ledger entry ", record.sequence, " does not parse"));
      }
      stored.hash = crypto::LedgerEntryHash(stored.stored.entry().entry());
      view.entries_.push_back(std::move(stored));
    }
    if (page->size() < kReadPage) return view;
  }
}

std::string LedgerView::head_hash() const {
  return entries_.empty() ? crypto::LedgerGenesisHash() : entries_.back().hash;
}

const StoredEntry* LedgerView::PlanOf(std::string_view year, uint64_t before_sequence) const {
  return core::NewestPlan(entries_, year, before_sequence);
}

const StoredEntry* LedgerView::ReleaseOf(std::string_view period) const { return core::ReleaseIn(entries_, period); }

}  // namespace candour::services
