// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The server's view of the organisation directory: every signed version in
// storage, and the current one verified and parsed in memory. Publishing
// checks the signature against the organisation key candourd was configured
// with (the signature is the authority), the contents, the dates, and that the
// version goes up; then stores it through a unit of work, audited as done by
// the organisation key (the signature is the only authority). Thread-safe: readers
// get an immutable snapshot.
#ifndef CANDOUR_SERVICES_DIRECTORY_REGISTRY_H_
#define CANDOUR_SERVICES_DIRECTORY_REGISTRY_H_

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "candour/v1/directory.pb.h"
#include "core/period.h"
#include "crypto/directory_signature.h"
#include "services/audit_trail.h"
#include "storage/report_store.h"

namespace candour::services {

inline constexpr size_t kMaxDirectoryBytes = 1 << 20;

// The current directory, as intake validates against it.
struct CurrentDirectory {
  crypto::VerifiedDirectory verified;
  std::set<std::string> recipient_key_ids;  // for O(log n) membership checks
  const candour::v1::Directory& directory() const { return verified.directory; }
};

class DirectoryRegistry {
 public:
  // Loads the latest stored directory, if any. `organisation_public_key` is
  // 32 bytes; neither pointer is owned. DATA_LOSS if the stored latest
  // version does not verify.
  static absl::StatusOr<std::unique_ptr<DirectoryRegistry>> Load(storage::ReportStore* store, AuditTrail* audit,
                                                                 std::string organisation_public_key);

  // The current directory, or nullptr before the first publish.
  std::shared_ptr<const CurrentDirectory> Current() const;

  // A stored signed directory: `version` 0 means the latest. NOT_FOUND if
  // there is none (yet) or that version was never stored.
  absl::StatusOr<candour::v1::SignedDirectory> Get(uint64_t version) const;

  // Verifies and stores a new version. Returns the version on success, or
  //   UNAUTHENTICATED: not signed by the configured organisation key;
  //   INVALID_ARGUMENT: malformed contents, over 1 MiB, unsigned extra
  //     fields, or another organisation id;
  //   FAILED_PRECONDITION: version not above the current one, or expired.
  absl::StatusOr<uint64_t> Publish(const candour::v1::SignedDirectory& signed_directory, core::Day today);

 private:
  DirectoryRegistry(storage::ReportStore* store, AuditTrail* audit, std::string organisation_public_key);
  absl::StatusOr<std::shared_ptr<const CurrentDirectory>> Verify(
      const candour::v1::SignedDirectory& signed_directory) const;

  storage::ReportStore* const store_;  // not owned
  AuditTrail* const audit_;            // not owned
  const std::string organisation_public_key_;
  const std::string fingerprint_;
  mutable std::mutex mu_;
  std::shared_ptr<const CurrentDirectory> current_;  // guarded by mu_
  std::mutex publish_mu_;  // one publish at a time
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_DIRECTORY_REGISTRY_H_
