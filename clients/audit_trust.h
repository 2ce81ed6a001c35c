// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A staff client's check of the server's audit log (docs/PROTOCOL.md §19).
// The client remembers, per server, the log's length and head hash it saw
// last and the highest checkpoint length it checked, in a small state file.
// Each time, it fetches the head with the digests of the entries since, and
// recomputes the chain from what it remembers (or from a newer checkpoint
// an admin of its verified directory signed) to the server's head; a log
// that was cut, rewritten or forked since does not lead there. A first
// contact remembers the head it is given. Not thread-safe (one CLI process).
#ifndef CANDOUR_CLIENTS_AUDIT_TRUST_H_
#define CANDOUR_CLIENTS_AUDIT_TRUST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/audit.pb.h"
#include "candour/v1/directory.pb.h"

namespace candour::clients {

// What this client saw of one server's log.
struct RememberedHead {
  uint64_t length = 0;             // 0: nothing seen yet
  std::string hash;                // 32 bytes when length > 0
  uint64_t checkpoint_length = 0;  // the highest checkpoint checked
};

class AuditTrust {
 public:
  // `state_file` holds one line per server; empty keeps no state (and then
  // every visit is a first contact). `server` is the host:port the log is at.
  AuditTrust(std::string state_file, std::string server)
      : state_file_(std::move(state_file)), server_(std::move(server)) {}

  // AdminClient::GetAuditHead, or a test's stand-in.
  using HeadFetcher = std::function<absl::StatusOr<candour::v1::GetAuditHeadResponse>(uint64_t known_length)>;
  // The current directory, verified against the pin; only called when there
  // is a new checkpoint to check.
  using DirectorySource = std::function<absl::StatusOr<candour::v1::Directory>()>;

  struct Checked {
    uint64_t length = 0;
    std::string checkpoint;          // "length N, signed by NAME" if one was checked now
    std::vector<std::string> notes;  // what could not be checked, and why
  };

  // Checks that the server's log extends what this client remembers, and
  // its latest checkpoint if the checkpoint verifies, then remembers the new
  // head. DATA_LOSS (with a hint) if it does not: the log was cut, changed or
  // forked; the fetcher's errors as they come; INTERNAL if the state file
  // cannot be written. A checkpoint that does not verify against the
  // directory (or no pin to get one) is a note, not an error: an admin who
  // left still has checkpoints in the log.
  absl::StatusOr<Checked> CheckHead(const HeadFetcher& fetch, const DirectorySource& directory);

  // What is remembered for this server. DATA_LOSS if the state file is corrupt.
  absl::StatusOr<RememberedHead> Remembered() const;
  // Records `head` (an admin's client that verified the whole log).
  absl::Status Remember(const RememberedHead& head);

  const std::string& state_file() const { return state_file_; }

 private:
  const std::string state_file_;
  const std::string server_;
};

// The hint for a log that does not extend what was seen.
std::string AuditTamperHint(const std::string& state_file);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_AUDIT_TRUST_H_
