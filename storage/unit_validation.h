// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Shape checks on a UnitOfWork that every ReportStore runs before looking at
// stored data: field sizes, day and sequence ranges and duplicates inside one
// unit; and the log-append check both stores then make against stored data.
// Keeping them here means the RocksDB and in-memory stores reject the same
// units with the same codes. Stateless and thread-safe.
#ifndef CANDOUR_STORAGE_UNIT_VALIDATION_H_
#define CANDOUR_STORAGE_UNIT_VALIDATION_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "storage/report_store.h"

namespace candour::storage {

// Returns INVALID_ARGUMENT if a report id, recipient key id or lookup hash has
// the wrong size, a received day is negative, a recipient key id repeats in a
// report, or two reports in the unit share a report id or a lookup hash; if an
// account name is invalid (IsValidAccountName), a code or token hash is not
// kSecretHashSize bytes, or a record is empty; or if the unit writes one
// account, invitation or session twice (see unit_validation.cc for what
// counts); or if a thread entry's report id has the wrong size, its sequence
// is outside 1..kMaxThreadEntries, it is empty, or the unit writes one
// (report id, sequence) twice; or if a workflow record's report id has the
// wrong size, the record is empty, or the unit writes one report's record
// twice; or if case keys added to a report have a wrong-size report or
// recipient key id, no records or an empty sealed key, or the unit writes
// one (report id, recipient key id) twice, by AddCaseKeys or AddReport; or
// if an audit entry has sequence 0 or is empty, a checkpoint has length 0
// or is empty, or the unit writes one audit sequence or checkpoint length
// twice; or if a ledger entry has sequence 0 or is empty, or the unit writes
// one ledger sequence twice. OK otherwise (preconditions against stored data
// are checked by the store).
absl::Status ValidateUnit(const UnitOfWork& unit);

// The precondition of an append to an append-only log (AppendAudit,
// AppendLedger), which both stores check against the log's `length` (its
// last sequence, counting the unit's earlier appends; 0 while empty): OK if
// `sequence` is length + 1, ALREADY_EXISTS if it is at or below `length`,
// FAILED_PRECONDITION if it is further on (a gap). `log` names the log in
// messages ("audit log").
absl::Status CheckLogAppend(uint64_t sequence, uint64_t length, const char* log);

// True if `name` is 1..kMaxAccountNameSize bytes of [a-z0-9._-].
bool IsValidAccountName(std::string_view name);

}  // namespace candour::storage

#endif  // CANDOUR_STORAGE_UNIT_VALIDATION_H_
