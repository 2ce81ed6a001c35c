// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/test_org.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "crypto/envelope.h"
#include "crypto/receipt.h"
#include "crypto/sealed_tag.h"
#include "crypto/sodium.h"

namespace candour::testing {
namespace {

bool InitSodiumOrDie() {
  // Keys are made in member initialisers, before a test body could ASSERT.
  if (!crypto::InitSodium().ok()) {
    std::cerr << "TestOrg: libsodium failed to initialise\n";
    std::abort();
  }
  return true;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

// The aggregation tag a client derives from the content it seals.
crypto::AggregationTag TagFor(const candour::v1::ReportContent& content) {
  crypto::AggregationTag tag;
  tag.department_id = content.department_id();
  tag.kind = static_cast<uint8_t>(content.kind());
  for (int c : content.characteristics()) {
    if (c >= 1 && c <= 10) tag.characteristics |= static_cast<uint16_t>(1u << (c - 1));
  }
  tag.source = static_cast<uint8_t>(content.source());
  return tag;
}

}  // namespace

TestOrg::TestOrg(int guardians)
    : sodium_ready_(InitSodiumOrDie()),
      organisation_key_(crypto::NewEd25519KeyPair()),
      fingerprint_(crypto::OrganisationFingerprint(organisation_key_.public_key)),
      organisation_id_(RandomBytes(16)),
      aggregation_key_(crypto::NewX25519KeyPair()),
      admin_key_(crypto::NewEd25519KeyPair()) {
  for (int i = 0; i < guardians; ++i) guardians_.push_back(crypto::NewRecipientKeys());
}

candour::v1::Directory TestOrg::MakeDirectory(uint64_t version) const {
  const core::Day today = core::TodayInLondon();
  return MakeDirectory(version, today, today + 31);
}

candour::v1::Directory TestOrg::MakeDirectory(uint64_t version, core::Day issued_day, core::Day expiry_day) const {
  candour::v1::Directory d;
  d.set_organisation_id(organisation_id_);
  d.set_organisation_name("Test Hospitals NHS Foundation Trust");
  d.set_version(version);
  d.set_issued_day(issued_day);
  d.set_expiry_day(expiry_day);
  static constexpr const char* kNames[] = {"Emergency Department", "Pharmacy", "Estates"};
  for (size_t i = 0; i < std::size(kDepartmentIds); ++i) {
    candour::v1::Department* dept = d.add_departments();
    dept->set_id(kDepartmentIds[i]);
    dept->set_name(kNames[i]);
    dept->set_directorate(i == 2 ? "Corporate" : "Clinical");
    dept->set_headcount(100 + 10 * static_cast<uint32_t>(i));
    dept->set_site("Main site");
  }
  for (size_t i = 0; i < guardians_.size(); ++i) {
    const crypto::RecipientKeys& g = guardians_[i];
    candour::v1::Recipient* r = d.add_recipients();
    r->set_key_id(g.key_id);
    r->set_display_name("Guardian " + std::to_string(i + 1));
    r->set_role(candour::v1::RECIPIENT_ROLE_GUARDIAN);
    r->set_x25519_public_key(g.box.public_key);
    r->set_ed25519_public_key(g.sign.public_key);
    absl::StatusOr<std::string> sealed = crypto::SealTo(g.box.public_key, aggregation_key_.secret_key.span());
    EXPECT_TRUE(sealed.ok()) << sealed.status();
    candour::v1::SealedKeyRecord* record = d.add_aggregation_key_records();
    record->set_recipient_key_id(g.key_id);
    record->set_sealed_secret_key(sealed.ok() ? *sealed : std::string());
  }
  d.set_aggregation_public_key(aggregation_key_.public_key);
  d.set_release_holder_key_id(guardians_.front().key_id);
  d.set_release_public_key(guardians_.front().sign.public_key);
  candour::v1::AdminKey* admin = d.add_admins();
  admin->set_key_id(crypto::SigningKeyId(admin_key_.public_key));
  admin->set_display_name("Test Admin");
  admin->set_ed25519_public_key(admin_key_.public_key);
  d.add_professional_groups("Nursing and midwifery");
  d.add_professional_groups("Medical and dental");
  return d;
}

candour::v1::SignedDirectory TestOrg::Sign(const candour::v1::Directory& directory) const {
  return SignWith(directory, organisation_key_);
}

candour::v1::SignedDirectory TestOrg::SignWith(const candour::v1::Directory& directory,
                                               const crypto::Ed25519KeyPair& key) {
  return crypto::SignDirectory(directory.SerializeAsString(), key);
}

candour::v1::SignedDirectory TestOrg::SignedDirectory(uint64_t version) const { return Sign(MakeDirectory(version)); }

crypto::VerifiedDirectory TestOrg::Verify(const candour::v1::SignedDirectory& signed_directory) const {
  absl::StatusOr<crypto::VerifiedDirectory> verified = crypto::VerifyDirectory(signed_directory, fingerprint_);
  EXPECT_TRUE(verified.ok()) << verified.status();
  return verified.ok() ? *std::move(verified) : crypto::VerifiedDirectory{};
}

candour::v1::ReportContent TestOrg::DefaultContent() const {
  candour::v1::ReportContent content;
  content.set_content_version(1);
  content.set_kind(candour::v1::REPORT_KIND_HARASSMENT);
  content.add_characteristics(candour::v1::CHARACTERISTIC_AGE);
  content.add_characteristics(candour::v1::CHARACTERISTIC_RACE);
  content.set_source(candour::v1::BEHAVIOUR_SOURCE_MANAGER);
  content.set_department_id(kDepartmentIds[0]);
  content.set_occurred_year(2026);
  content.set_occurred_month(3);
  content.set_what_happened("My manager made remarks about my age in front of the team.");
  content.set_wanted_outcome(candour::v1::WANTED_OUTCOME_TALK_TO_GUARDIAN);
  return content;
}

candour::v1::SubmitReportRequest TestOrg::MakeSubmission(const candour::v1::SignedDirectory& signed_directory,
                                                         const ContentEdit& edit) const {
  return MakeSubmissionFor(crypto::ReceiptCode::Generate(), signed_directory, edit);
}

candour::v1::SubmitReportRequest TestOrg::MakeSubmissionFor(const crypto::ReceiptCode& code,
                                                            const candour::v1::SignedDirectory& signed_directory,
                                                            const ContentEdit& edit) const {
  const crypto::VerifiedDirectory directory = Verify(signed_directory);
  const crypto::ReceiptKeys receipt = crypto::DeriveReceiptKeys(code);
  candour::v1::ReportContent content = DefaultContent();
  content.set_followup_signing_public_key(receipt.sign.public_key);
  if (edit) edit(content);
  absl::StatusOr<candour::v1::SubmitReportRequest> request =
      crypto::SealReport(content, TagFor(content), directory, receipt);
  EXPECT_TRUE(request.ok()) << request.status();
  return request.ok() ? *std::move(request) : candour::v1::SubmitReportRequest{};
}

const crypto::RecipientKeys* TestOrg::FindGuardian(std::string_view key_id) const {
  for (const crypto::RecipientKeys& g : guardians_) {
    if (g.key_id == key_id) return &g;
  }
  return nullptr;
}

}  // namespace candour::testing
