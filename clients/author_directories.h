// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Which signed directories a case thread's Guardian entries are checked
// against. A Guardian signs with the key the organisation put in the
// directory: the report's own directory lists its original recipients and
// the current one today's Guardians, but a Guardian given the case by
// re-wrap and removed since is in neither. Only when an entry names such an
// author are the versions in between fetched, newest first, each checked
// against the pin as the report's own directory is, until every author is
// found or none is left. Used by the Guardian's and the reporter's commands
// alike. Not thread-safe (it uses the session's directory trust).
#ifndef CANDOUR_CLIENTS_AUTHOR_DIRECTORIES_H_
#define CANDOUR_CLIENTS_AUTHOR_DIRECTORIES_H_

#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/thread.pb.h"
#include "clients/cli.h"
#include "crypto/directory_signature.h"

namespace candour::clients {

// The directories to verify `entries` against: `report`, `current`, and
// the versions strictly between them that name a Guardian author the
// directories before did not. Errors: a version in between that does not
// come or does not verify against the pin. An author that no directory
// names is not an error here: VerifyThread reports that entry as broken.
absl::StatusOr<std::vector<crypto::VerifiedDirectory>> AuthorDirectories(
    Session& session, const std::vector<candour::v1::ThreadEntry>& entries, const crypto::VerifiedDirectory& report,
    const crypto::VerifiedDirectory& current);

// Pointers into `directories`, in order, as VerifyThread takes them.
std::vector<const candour::v1::Directory*> DirectoryPointers(const std::vector<crypto::VerifiedDirectory>& directories);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_AUTHOR_DIRECTORIES_H_
