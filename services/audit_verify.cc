// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/audit_verify.h"

#include <google/protobuf/text_format.h>

#include <ctime>

#include "absl/strings/str_cat.h"
#include "crypto/audit_chain.h"
#include "crypto/directory_signature.h"

namespace candour::services {
namespace {

using candour::v1::AuditCheckpoint;
using candour::v1::Directory;

constexpr size_t kPage = 1000;

// Every stored directory version that verifies with the organisation key.
// An admin key may have left a later directory, and a checkpoint it signed
// while listed still counts. DATA_LOSS if a stored version does not verify:
// the directory store was altered too.
absl::StatusOr<std::vector<Directory>> SignedDirectories(storage::ReportStore& store,
                                                         std::string_view organisation_public_key) {
  std::vector<Directory> directories;
  absl::StatusOr<std::optional<uint64_t>> latest = store.LatestDirectoryVersion();
  if (!latest.ok()) return latest.status();
  const std::string fingerprint = crypto::OrganisationFingerprint(organisation_public_key);
  for (uint64_t version = 1; latest->has_value() && version <= **latest; ++version) {
    absl::StatusOr<std::string> bytes = store.GetDirectory(version);
    if (absl::IsNotFound(bytes.status())) continue;  // versions may skip numbers
    if (!bytes.ok()) return bytes.status();
    candour::v1::SignedDirectory signed_directory;
    absl::StatusOr<crypto::VerifiedDirectory> verified = signed_directory.ParseFromString(*bytes)
                                                             ? crypto::VerifyDirectory(signed_directory, fingerprint)
                                                             : absl::InvalidArgumentError("does not parse");
    if (!verified.ok()) {
      return absl::DataLossError(
          absl::StrCat("stored directory version ", version, " does not verify with the organisation key"));
    }
    directories.push_back(std::move(verified->directory));
  }
  return directories;
}

// The signer's display name if `checkpoint` verifies against any directory.
absl::StatusOr<std::string> VerifyAgainstAny(const AuditCheckpoint& checkpoint,
                                             const std::vector<Directory>& directories) {
  absl::Status last = absl::UnauthenticatedError("no directory has been published");
  for (const Directory& directory : directories) {
    absl::StatusOr<std::string> admin = crypto::VerifyAuditCheckpoint(checkpoint, directory);
    if (admin.ok()) return admin;
    last = admin.status();
  }
  return last;
}

std::string Describe(const AuditCheckpoint& checkpoint, std::string_view where, std::string_view admin) {
  char when[32] = "?";
  const std::time_t signed_at = static_cast<std::time_t>(checkpoint.signed_at());
  std::tm utc{};
  if (gmtime_r(&signed_at, &utc) != nullptr) std::strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &utc);
  return absl::StrCat(std::string(where), " (length ", checkpoint.length(), ", signed by ", std::string(admin), " at ",
                      when, ")");
}

// Adds every stored checkpoint to `verifier` as an anchor.
absl::Status AddStoredCheckpoints(storage::ReportStore& store, const std::vector<Directory>& directories,
                                  crypto::AuditChainVerifier& verifier, AuditVerifyResult& result) {
  absl::StatusOr<std::vector<storage::AuditCheckpointRecord>> stored = store.ListAuditCheckpoints();
  if (!stored.ok()) return stored.status();
  for (const storage::AuditCheckpointRecord& record : *stored) {
    AuditCheckpoint checkpoint;
    absl::StatusOr<std::string> admin =
        checkpoint.ParseFromString(record.checkpoint) && checkpoint.length() == record.length
            ? VerifyAgainstAny(checkpoint, directories)
            : absl::InvalidArgumentError("malformed");
    if (!admin.ok()) {
      return absl::DataLossError(
          absl::StrCat("the stored checkpoint of length ", record.length, " does not verify: it was changed"));
    }
    std::string what = Describe(checkpoint, "the stored checkpoint", *admin);
    verifier.ExpectHashAt(checkpoint.length(), checkpoint.head_hash(), what);
    result.anchors.push_back(std::move(what));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AuditCheckpoint> ParseCheckpointFile(std::string_view contents) {
  AuditCheckpoint checkpoint;
  if (google::protobuf::TextFormat::ParseFromString(std::string(contents), &checkpoint)) return checkpoint;
  if (checkpoint.ParseFromArray(contents.data(), static_cast<int>(contents.size()))) return checkpoint;
  return absl::InvalidArgumentError("the checkpoint file is not an AuditCheckpoint");
}

absl::StatusOr<AuditVerifyResult> VerifyAuditLog(storage::ReportStore& store, std::string_view organisation_public_key,
                                                 const std::optional<AuditCheckpoint>& checkpoint) {
  absl::StatusOr<std::vector<Directory>> directories = SignedDirectories(store, organisation_public_key);
  if (!directories.ok()) return directories.status();
  AuditVerifyResult result;
  crypto::AuditChainVerifier verifier;
  if (checkpoint.has_value()) {
    absl::StatusOr<std::string> admin = VerifyAgainstAny(*checkpoint, *directories);
    if (!admin.ok()) {
      return absl::UnauthenticatedError(
          absl::StrCat("the checkpoint file does not verify: ", admin.status().message()));
    }
    std::string what = Describe(*checkpoint, "the checkpoint file", *admin);
    verifier.ExpectHashAt(checkpoint->length(), checkpoint->head_hash(), what);
    result.anchors.push_back(std::move(what));
  }
  if (absl::Status s = AddStoredCheckpoints(store, *directories, verifier, result); !s.ok()) return s;
  for (uint64_t next = 1;;) {
    absl::StatusOr<std::vector<storage::AuditRecord>> page = store.ReadAudit(next, kPage);
    if (!page.ok()) return page.status();
    for (const storage::AuditRecord& record : *page) {
      if (absl::Status s = verifier.Add(record.sequence, record.entry); !s.ok()) return s;
    }
    if (page->size() < kPage) break;
    next = page->back().sequence + 1;
  }
  if (absl::Status s = verifier.Finish(); !s.ok()) return s;
  result.length = verifier.length();
  return result;
}

}  // namespace candour::services
