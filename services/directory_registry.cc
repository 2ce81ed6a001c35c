// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/directory_registry.h"

#include "absl/strings/str_cat.h"
#include "core/directory_rules.h"

namespace candour::services {

using candour::v1::SignedDirectory;

DirectoryRegistry::DirectoryRegistry(storage::ReportStore* store, AuditTrail* audit,
                                     std::string organisation_public_key)
    : store_(store),
      audit_(audit),
      organisation_public_key_(std::move(organisation_public_key)),
      fingerprint_(crypto::OrganisationFingerprint(organisation_public_key_)) {}

absl::StatusOr<std::unique_ptr<DirectoryRegistry>> DirectoryRegistry::Load(storage::ReportStore* store,
                                                                          AuditTrail* audit,
                                                                          std::string organisation_public_key) {
  if (organisation_public_key.size() != crypto::kPublicKeySize) {
    return absl::InvalidArgumentError("organisation public key must be 32 bytes");
  }
  std::unique_ptr<DirectoryRegistry> registry(
      new DirectoryRegistry(store, audit, std::move(organisation_public_key)));
  auto latest = store->LatestDirectoryVersion();
  if (!latest.ok()) return latest.status();
  if (!latest->has_value()) return registry;
  auto stored = registry->Get(**latest);
  if (!stored.ok()) return stored.status();
  auto current = registry->Verify(*stored);
  if (!current.ok()) {
    // Storage held something we accepted once; failing now means tampering
    // or a changed organisation key in the config.
    return absl::DataLossError(absl::StrCat("stored directory version ", **latest,
                                            " does not verify with the configured organisation key"));
  }
  registry->current_ = *std::move(current);
  return registry;
}

std::shared_ptr<const CurrentDirectory> DirectoryRegistry::Current() const {
  std::lock_guard lock(mu_);
  return current_;
}

absl::StatusOr<SignedDirectory> DirectoryRegistry::Get(uint64_t version) const {
  if (version == 0) {
    auto current = Current();
    if (current == nullptr) return absl::NotFoundError("no directory has been published yet");
    version = current->directory().version();
  }
  auto bytes = store_->GetDirectory(version);
  if (!bytes.ok()) {
    if (absl::IsNotFound(bytes.status())) {
      return absl::NotFoundError(absl::StrCat("directory version ", version, " does not exist"));
    }
    return bytes.status();
  }
  SignedDirectory signed_directory;
  if (!signed_directory.ParseFromString(*bytes)) return absl::DataLossError("stored directory does not parse");
  return signed_directory;
}

absl::StatusOr<std::shared_ptr<const CurrentDirectory>> DirectoryRegistry::Verify(
    const SignedDirectory& signed_directory) const {
  auto verified = crypto::VerifyDirectory(signed_directory, fingerprint_);
  if (!verified.ok()) return verified.status();
  if (auto s = core::ValidateDirectory(verified->directory); !s.ok()) return s;
  auto current = std::make_shared<CurrentDirectory>();
  for (const auto& r : verified->directory.recipients()) current->recipient_key_ids.insert(r.key_id());
  current->verified = *std::move(verified);
  return std::shared_ptr<const CurrentDirectory>(std::move(current));
}

absl::StatusOr<uint64_t> DirectoryRegistry::Publish(const SignedDirectory& signed_directory, core::Day today) {
  // Fields outside `directory` are not signed: stored, they would be served
  // to every client as if they were.
  if (!signed_directory.GetReflection()->GetUnknownFields(signed_directory).empty()) {
    return absl::InvalidArgumentError("signed directory has fields outside the signature");
  }
  if (signed_directory.directory().size() > kMaxDirectoryBytes) {
    return absl::InvalidArgumentError("directory is larger than 1 MiB");
  }
  std::lock_guard publish_lock(publish_mu_);
  auto next = Verify(signed_directory);
  if (!next.ok()) return next.status();
  const auto& directory = (*next)->directory();
  if (auto s = core::CheckDirectoryCurrent(directory, today); !s.ok()) return s;
  auto previous = Current();
  if (previous != nullptr) {
    if (directory.organisation_id() != previous->directory().organisation_id()) {
      return absl::InvalidArgumentError("organisation_id differs from the current directory's");
    }
    if (directory.version() <= previous->directory().version()) {
      return absl::FailedPreconditionError(absl::StrCat("directory version ", directory.version(),
                                                        " is not above the current version ",
                                                        previous->directory().version()));
    }
  }
  storage::UnitOfWork unit;
  unit.AddDirectory(directory.version(), signed_directory.SerializeAsString());
  auto committed = audit_->Commit(std::move(unit), {std::string(kOrganisationKeyActor),
                                                    candour::v1::AUDIT_ACTION_PUBLISH_DIRECTORY,
                                                    absl::StrCat(directory.version())});
  if (!committed.ok()) return committed.status();
  uint64_t version = directory.version();
  std::lock_guard lock(mu_);
  current_ = *std::move(next);
  return version;
}

}  // namespace candour::services
