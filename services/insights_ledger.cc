// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/insights_ledger.h"

#include "absl/strings/str_cat.h"
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
  const StoredEntry* plan = nullptr;
  for (const StoredEntry& e : entries_) {
    if (e.sequence >= before_sequence) break;
    if (e.entry.has_plan() && e.entry.plan().year() == year) plan = &e;
  }
  return plan;
}

const StoredEntry* LedgerView::ReleaseOf(std::string_view period) const {
  for (const StoredEntry& e : entries_) {
    if (e.entry.has_release() && e.entry.release().period() == period) return &e;
  }
  return nullptr;
}

}  // namespace candour::services
