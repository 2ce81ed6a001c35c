// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/ledger_trust.h"

#include "absl/strings/str_cat.h"
#include "clients/case_heads.h"
#include "clients/cli.h"
#include "core/insight_release.h"
#include "crypto/ledger.h"

namespace candour::clients {

std::string VerifiedLedger::head_hash() const {
  return entries_.empty() ? crypto::LedgerGenesisHash() : entries_.back().hash;
}

const VerifiedLedgerEntry* VerifiedLedger::PlanOf(std::string_view year, uint64_t before_sequence) const {
  const VerifiedLedgerEntry* plan = nullptr;
  for (const VerifiedLedgerEntry& e : entries_) {
    if (e.sequence >= before_sequence) break;
    if (e.entry.has_plan() && e.entry.plan().year() == year) plan = &e;
  }
  return plan;
}

const VerifiedLedgerEntry* VerifiedLedger::ReleaseOf(std::string_view period) const {
  for (const VerifiedLedgerEntry& e : entries_) {
    if (e.entry.has_release() && e.entry.release().period() == period) return &e;
  }
  return nullptr;
}

std::vector<core::LedgerEntry> VerifiedLedger::BudgetEntriesOf(const core::Period& year) const {
  std::vector<core::LedgerEntry> out;
  for (const VerifiedLedgerEntry& e : entries_) {
    if (e.entry.has_release()) core::AddBudgetEntries(e.entry.release(), year, &out);
  }
  return out;
}

absl::StatusOr<VerifiedLedger> VerifyLedger(const std::vector<candour::v1::SignedLedgerEntry>& entries,
                                            std::string_view organisation_id, const DirectoryOf& directory_of) {
  std::vector<VerifiedLedgerEntry> verified;
  std::string previous = crypto::LedgerGenesisHash();
  for (const candour::v1::SignedLedgerEntry& signed_entry : entries) {
    const uint64_t sequence = verified.size() + 1;
    const auto bad = [&](absl::string_view why) {
      return WithHint(absl::DataLossError(absl::StrCat("insights ledger entry ", sequence, " ", why)),
                      "the server is serving a ledger the release holder did not sign: tell your Guardian and "
                      "administrator, and do not use these figures");
    };
    candour::v1::LedgerEntry unsigned_view;
    if (!unsigned_view.ParseFromString(signed_entry.entry())) return bad("does not parse");
    absl::StatusOr<candour::v1::Directory> directory = directory_of(unsigned_view.signer_directory_version());
    if (!directory.ok()) return directory.status();
    absl::StatusOr<candour::v1::LedgerEntry> entry =
        crypto::VerifyLedgerEntry(signed_entry, directory->release_public_key());
    if (!entry.ok()) return bad(absl::StrCat("does not verify: ", entry.status().message()));
    if (entry->organisation_id() != organisation_id) return bad("is of another organisation");
    if (entry->sequence() != sequence) return bad("is out of sequence");
    if (entry->previous_hash() != previous) return bad("does not chain to the entry before it");
    if (entry->has_release()) {
      for (const candour::v1::TableHeader& header : entry->release().tables()) {
        if (!core::TableFromId(header.table()).has_value() || !core::EpsilonFromProto(header.epsilon()).ok()) {
          return bad("has a table or epsilon this version cannot read");
        }
      }
    } else if (!entry->has_plan()) {
      return bad("is neither a plan nor a release");
    }
    previous = crypto::LedgerEntryHash(signed_entry.entry());
    verified.push_back({sequence, previous, *std::move(entry), signed_entry});
  }
  return VerifiedLedger(std::move(verified));
}

absl::Status LedgerHeads::Check(std::string_view organisation_id, const VerifiedLedger& ledger) {
  // The ledger's head is kept in the case-heads format, keyed by the
  // organisation id (16 bytes, as a report id is).
  CaseHeads heads(state_file_);
  absl::StatusOr<CaseHead> remembered = heads.Remembered(std::string(organisation_id));
  if (!remembered.ok()) return remembered.status();
  if (remembered->sequence > 0) {
    const bool held = remembered->sequence <= ledger.length() &&
                      ledger.entries()[remembered->sequence - 1].hash == remembered->hash;
    if (!held) {
      return WithHint(
          absl::DataLossError(absl::StrCat("the server's insights ledger no longer holds entry ", remembered->sequence,
                                           " as this client saw it")),
          absl::StrCat("entries were withheld or rewritten; releasing or reading now could draw a period's noise "
                       "again. Tell your administrator; ", state_file_, " holds what this client saw"));
    }
  }
  if (ledger.length() == 0) return absl::OkStatus();
  return heads.Remember(std::string(organisation_id),
                        CaseHead{static_cast<uint32_t>(ledger.length()), ledger.entries().back().hash});
}

}  // namespace candour::clients
