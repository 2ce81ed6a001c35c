// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/author_directories.h"

#include <set>
#include <string>

#include "clients/intake_client.h"

namespace candour::clients {
namespace {

// Removes from `authors` every key id `directory` lists; true if it listed any.
bool Forget(std::set<std::string>& authors, const candour::v1::Directory& directory) {
  bool found = false;
  for (const candour::v1::Recipient& r : directory.recipients()) found |= authors.erase(r.key_id()) > 0;
  return found;
}

}  // namespace

absl::StatusOr<std::vector<crypto::VerifiedDirectory>> AuthorDirectories(
    Session& session, const std::vector<candour::v1::ThreadEntry>& entries, const crypto::VerifiedDirectory& report,
    const crypto::VerifiedDirectory& current) {
  std::vector<crypto::VerifiedDirectory> directories = {report, current};
  std::set<std::string> unknown;
  for (const candour::v1::ThreadEntry& entry : entries) {
    if (entry.kind() != candour::v1::ENTRY_KIND_REPORTER_MESSAGE) unknown.insert(entry.author_key_id());
  }
  Forget(unknown, report.directory);
  Forget(unknown, current.directory);
  // Newest first: a re-wrapped Guardian is more likely to have left
  // recently. Usually nothing is unknown and nothing is fetched; at worst
  // (an author no directory names) every version in between is.
  IntakeClient intake(session.channel, session.options.channel.deadline);
  for (uint64_t v = current.directory.version() - 1; !unknown.empty() && v > report.directory.version(); --v) {
    absl::StatusOr<candour::v1::SignedDirectory> signed_directory = intake.GetDirectory(v);
    if (!signed_directory.ok()) return signed_directory.status();
    absl::StatusOr<crypto::VerifiedDirectory> verified = session.trust->AcceptHistorical(*signed_directory, v);
    if (!verified.ok()) return WithHint(verified.status(), "the server's directory cannot be trusted");
    if (Forget(unknown, verified->directory)) directories.push_back(*std::move(verified));
  }
  return directories;
}

std::vector<const candour::v1::Directory*> DirectoryPointers(
    const std::vector<crypto::VerifiedDirectory>& directories) {
  std::vector<const candour::v1::Directory*> pointers;
  for (const crypto::VerifiedDirectory& d : directories) pointers.push_back(&d.directory);
  return pointers;
}

}  // namespace candour::clients
