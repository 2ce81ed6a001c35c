// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A client's policy for directories the server hands it. Before a directory
// is used to encrypt, it must verify against the pinned organisation
// fingerprint, be in date, and not be older than the highest version this
// client has seen (remembered in a small state file), so the server can
// neither slip in a key nor roll back to a directory that still lists a
// removed Guardian. Opening an old report needs the directory of its
// version: that is checked against the pin only (it is history, not policy).
// Not thread-safe (one CLI process).
#ifndef CANDOUR_CLIENTS_DIRECTORY_TRUST_H_
#define CANDOUR_CLIENTS_DIRECTORY_TRUST_H_

#include <string>

#include "absl/status/statusor.h"
#include "core/period.h"
#include "crypto/directory_signature.h"

namespace candour::clients {

class DirectoryTrust {
 public:
  // `fingerprint` is 32 bytes; `state_file` may not exist yet (empty: keep
  // no state, and say so — a stateless client is protected by expiry alone).
  DirectoryTrust(std::string fingerprint, std::string state_file)
      : fingerprint_(std::move(fingerprint)), state_file_(std::move(state_file)) {}

  // For encrypting: UNAUTHENTICATED (pin or signature), INVALID_ARGUMENT
  // (contents), FAILED_PRECONDITION (expired, not yet issued, or a rollback
  // below the highest version seen). Records the version on success.
  absl::StatusOr<crypto::VerifiedDirectory> AcceptCurrent(const candour::v1::SignedDirectory& signed_directory,
                                                          core::Day today);

  // For opening a report made under `version`: pin, signature and the
  // version number only.
  absl::StatusOr<crypto::VerifiedDirectory> AcceptHistorical(const candour::v1::SignedDirectory& signed_directory,
                                                             uint64_t version);

  // The highest version recorded for this organisation, 0 if none.
  absl::StatusOr<uint64_t> HighestSeen() const;

 private:
  absl::Status Remember(uint64_t version);

  const std::string fingerprint_;
  const std::string state_file_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_DIRECTORY_TRUST_H_
