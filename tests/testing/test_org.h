// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// TestOrg: a whole test organisation in memory, made with the real crypto.
// It holds the organisation's Ed25519 key, N Guardians' recipient keys, an
// aggregation X25519 key sealed to each Guardian, and one administrator's
// Ed25519 key (listed in every directory's admins, to sign audit checkpoints); it builds, signs and
// verifies directories (any version, any dates, or signed by a forger's key)
// and seals valid submissions for them exactly as a reporter's client does.
// Tests mutate what it returns to make bad input. Owns all its keys.
// Thread-compatible.
#ifndef CANDOUR_TESTS_TESTING_TEST_ORG_H_
#define CANDOUR_TESTS_TESTING_TEST_ORG_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "candour/v1/directory.pb.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/report.pb.h"
#include "core/period.h"
#include "crypto/directory_signature.h"
#include "crypto/keys.h"
#include "crypto/receipt.h"

namespace candour::testing {

class TestOrg {
 public:
  // Edits the default report content before it is sealed.
  using ContentEdit = std::function<void(candour::v1::ReportContent&)>;

  // Initialises libsodium (idempotent) and makes every key.
  // REQUIRES: 1 <= guardians <= 64.
  explicit TestOrg(int guardians = 3);

  TestOrg(const TestOrg&) = delete;
  TestOrg& operator=(const TestOrg&) = delete;

  // Directory contents issued today (London) and expiring 31 days later.
  candour::v1::Directory MakeDirectory(uint64_t version = 1) const;
  // As above with explicit dates (not checked: tests make bad ones).
  candour::v1::Directory MakeDirectory(uint64_t version, core::Day issued_day, core::Day expiry_day) const;

  // Serialises `directory` and signs it with the organisation key, or with
  // `key` (a forger's key, or another organisation's).
  candour::v1::SignedDirectory Sign(const candour::v1::Directory& directory) const;
  static candour::v1::SignedDirectory SignWith(const candour::v1::Directory& directory,
                                               const crypto::Ed25519KeyPair& key);
  // Shorthand: Sign(MakeDirectory(version)).
  candour::v1::SignedDirectory SignedDirectory(uint64_t version = 1) const;

  // Verifies `signed_directory` against this organisation's fingerprint, as a
  // client would. Fails the current test (and returns an empty directory) if
  // it does not verify.
  crypto::VerifiedDirectory Verify(const candour::v1::SignedDirectory& signed_directory) const;

  // A valid SubmitReportRequest sealed (crypto::SealReport) under
  // `signed_directory`, with a fresh report id, case key and receipt code.
  // `edit` may change the default content (a harassment report in the first
  // department). Fails the current test if sealing fails.
  candour::v1::SubmitReportRequest MakeSubmission(const candour::v1::SignedDirectory& signed_directory,
                                                  const ContentEdit& edit = nullptr) const;
  // As MakeSubmission, for the receipt `code`, so a test can come back with it.
  candour::v1::SubmitReportRequest MakeSubmissionFor(const crypto::ReceiptCode& code,
                                                     const candour::v1::SignedDirectory& signed_directory,
                                                     const ContentEdit& edit = nullptr) const;
  // The content MakeSubmission seals before `edit`.
  candour::v1::ReportContent DefaultContent() const;

  const crypto::Ed25519KeyPair& organisation_key() const { return organisation_key_; }
  const std::string& organisation_public_key() const { return organisation_key_.public_key; }
  // 32 bytes: crypto::OrganisationFingerprint(organisation_public_key()).
  const std::string& fingerprint() const { return fingerprint_; }
  const std::string& organisation_id() const { return organisation_id_; }
  const std::vector<crypto::RecipientKeys>& guardians() const { return guardians_; }
  const crypto::RecipientKeys& guardian(size_t i) const { return guardians_.at(i); }
  // The Guardian with `key_id`, or nullptr.
  const crypto::RecipientKeys* FindGuardian(std::string_view key_id) const;
  const crypto::X25519KeyPair& aggregation_key() const { return aggregation_key_; }
  // The administrator "Test Admin" of every directory.
  const crypto::Ed25519KeyPair& admin_key() const { return admin_key_; }
  // Department ids in every directory: 1, 2 and 3.
  static constexpr uint32_t kDepartmentIds[] = {1, 2, 3};

 private:
  const bool sodium_ready_;  // first: every key below needs libsodium
  const crypto::Ed25519KeyPair organisation_key_;
  const std::string fingerprint_;
  const std::string organisation_id_;
  std::vector<crypto::RecipientKeys> guardians_;
  const crypto::X25519KeyPair aggregation_key_;
  const crypto::Ed25519KeyPair admin_key_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_TEST_ORG_H_
