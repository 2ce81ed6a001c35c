// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// What a client remembers of each case's thread (docs/PROTOCOL.md §16, "Case
// heads"): the newest entry it has seen, by sequence and entry_hash, one line
// per case in a small state file. A chain that verifies cannot show that its
// newest entries were withheld, since a shorter thread is a valid chain; a
// thread that no longer holds the remembered entry can. Guardians' clients
// keep the file beside their directory state; a reporter's client keeps one
// only when asked (`candour followup --remember FILE`), since the file itself
// shows that someone on that computer followed up a report. The file holds
// report ids, sequences and entry hashes: nothing that opens a case. The
// remembered head only ever moves forward. Not thread-safe (one CLI process).
#ifndef CANDOUR_CLIENTS_CASE_HEADS_H_
#define CANDOUR_CLIENTS_CASE_HEADS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/case_thread.h"

namespace candour::clients {

// The newest entry of one case this client has seen.
struct CaseHead {
  uint32_t sequence = 0;  // 0: nothing seen yet
  std::string hash;       // its entry_hash, 32 bytes when sequence > 0
};

class CaseHeads {
 public:
  // `state_file` may not exist yet; empty keeps no state (every check then
  // passes and nothing is written).
  explicit CaseHeads(std::string state_file) : state_file_(std::move(state_file)) {}

  // Checks that `thread`, read for case `report_id` (16 bytes), still holds
  // the entry remembered for the case, at its sequence and with its hash,
  // then remembers the thread's newest entry. DATA_LOSS with a hint
  // (CaseRollbackHint) if it does not: entries were withheld, or rewritten
  // from there on; DATA_LOSS if the state file is corrupt; INTERNAL if it
  // cannot be written. REQUIRES: `thread` verified to its end (a thread that
  // did not is refused for its own reason; FAILED_PRECONDITION here).
  absl::Status Check(const std::string& report_id, const VerifiedThread& thread);

  // What is remembered for `report_id` (sequence 0 if nothing). DATA_LOSS
  // if the state file is corrupt.
  absl::StatusOr<CaseHead> Remembered(const std::string& report_id) const;

  // Remembers `head` (an entry this client wrote and the server accepted,
  // or one it verified) unless a newer one is remembered already. DATA_LOSS
  // if the state file is corrupt; INTERNAL if it cannot be written.
  absl::Status Remember(const std::string& report_id, const CaseHead& head);

  const std::string& state_file() const { return state_file_; }

 private:
  const std::string state_file_;
};

// The hint for a thread that no longer holds what this client saw.
std::string CaseRollbackHint(const std::string& state_file);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_CASE_HEADS_H_
