// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/services/bad_input.h"

#include "crypto/case_key.h"
#include "crypto/thread_entry.h"
#include "tests/testing/raw_call.h"

namespace candour::services::bad_input {
namespace {

constexpr char kSubmitMethod[] = "/candour.v1.IntakeService/SubmitReport";

std::string View(const crypto::SecretKey<32>& key) {
  return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

const clients::SessionToken* TokenOf(const std::map<std::string, std::unique_ptr<clients::SignedIn>>& sessions,
                                     const std::string& account) {
  auto it = sessions.find(account);
  return it != sessions.end() ? it->second->token.get() : nullptr;
}

}  // namespace

const candour::testing::TestOrg BadInputTest::org_;

void BadInputTest::SetUp() {
  auto server = candour::testing::InProcessServer::Start(dir_.path(), org_.organisation_public_key(), kMaxMessageBytes);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  intake_ = std::make_unique<clients::IntakeClient>(server_->channel(), kDeadline);
  staff_ = std::make_unique<candour::testing::StaffFixture>(&server_->store(), server_->channel());
  v1_ = org_.SignedDirectory(1);
  absl::StatusOr<uint64_t> published = clients::AdminClient(server_->channel(), kDeadline).PublishDirectory(v1_);
  ASSERT_TRUE(published.ok()) << published.status();
  ASSERT_EQ(*published, 1u);
  valid_ = org_.MakeSubmission(v1_);
  report_ = org_.MakeSubmissionFor(code_, v1_);
}

Code BadInputTest::Submit(const candour::v1::SubmitReportRequest& request) {
  return Record(intake_->SubmitReport(request).status());
}

Code BadInputTest::Publish(const candour::v1::SignedDirectory& directory) {
  return Record(clients::AdminClient(server_->channel(), kDeadline).PublishDirectory(directory).status());
}

Code BadInputTest::SubmitRawBytes(const std::string& bytes) {
  const grpc::Status status =
      candour::testing::RawUnaryCall(server_->channel(), kSubmitMethod, bytes, kDeadline).status;
  return Record(absl::Status(static_cast<Code>(status.error_code()), status.error_message()));
}

Code BadInputTest::Record(const absl::Status& status) {
  last_message_ = std::string(status.message());
  return status.code();
}

void BadInputTest::StoreReport() { ASSERT_EQ(Submit(report_), Code::kOk) << last_message_; }

void BadInputTest::SignInAdmin() {
  absl::StatusOr<clients::SignedIn> root = staff_->SignIn("root");
  ASSERT_TRUE(root.ok()) << root.status();
  sessions_["root"] = std::make_unique<clients::SignedIn>(*std::move(root));
}

void BadInputTest::SignIn(const std::string& name, candour::v1::Role role) {
  ASSERT_TRUE(staff_->Create(name, candour::testing::StaffFixture::RoleGrants(role)).ok());
  absl::StatusOr<clients::SignedIn> session = staff_->SignIn(name);
  ASSERT_TRUE(session.ok()) << session.status();
  sessions_[name] = std::make_unique<clients::SignedIn>(*std::move(session));
}

void BadInputTest::SignInGuardian() { SignIn("guardian", candour::v1::ROLE_GUARDIAN); }

void BadInputTest::SignInHr() { SignIn("hr", candour::v1::ROLE_HR); }

void BadInputTest::StartReleaseHolder() {
  SignInGuardian();
  if (HasFatalFailure()) return;
  holder_ = std::make_unique<candour::testing::ReleaseHolder>(&org_, server_->channel(),
                                                              TokenOf(sessions_, "guardian"), kDeadline);
}

void BadInputTest::InviteErin() {
  SignInAdmin();
  candour::v1::InviteStaffRequest request;
  request.set_name("erin");
  *request.mutable_grants() = candour::testing::StaffFixture::RoleGrants(candour::v1::ROLE_HR);
  request.set_valid_days(1);
  absl::StatusOr<candour::v1::InviteStaffResponse> invitation = Admin().InviteStaff(request);
  ASSERT_TRUE(invitation.ok()) << invitation.status();
  invitation_code_ = invitation->invitation_code();
}

clients::AdminClient BadInputTest::Admin() const {
  return clients::AdminClient(server_->channel(), kDeadline, TokenOf(sessions_, "root"));
}

clients::CaseworkClient BadInputTest::Casework() const {
  return clients::CaseworkClient(server_->channel(), kDeadline, TokenOf(sessions_, "guardian"));
}

clients::InsightsClient BadInputTest::Insights(const std::string& account) const {
  return clients::InsightsClient(server_->channel(), kDeadline, TokenOf(sessions_, account));
}

candour::v1::AcceptInvitationRequest BadInputTest::Acceptance() {
  candour::v1::AcceptInvitationRequest request;
  request.set_invitation_code(invitation_code_);
  request.set_name("erin");
  absl::StatusOr<candour::v1::AccountKdf> kdf = Auth().GetSalt("erin");
  EXPECT_TRUE(kdf.ok()) << kdf.status();
  if (kdf.ok()) *request.mutable_kdf() = *kdf;
  request.set_auth_key(std::string(32, 'k'));
  return request;
}

std::string BadInputTest::Lookup() const { return View(receipt_.lookup); }

candour::v1::ThreadEntry BadInputTest::ReporterEntry() const {
  // Messages are sealed under the view key, which the receipt gives the reporter.
  absl::StatusOr<crypto::SecretKey<32>> view_key =
      crypto::OpenViewKey(report_.receipt().sealed_view_key(), report_.envelope().report_id(), receipt_.box);
  EXPECT_TRUE(view_key.ok()) << view_key.status();
  const crypto::ThreadKeys keys = crypto::ThreadKeys::FromViewKey(*std::move(view_key));
  crypto::EntryHeader header{report_.envelope().report_id(), 1, candour::v1::ENTRY_KIND_REPORTER_MESSAGE,
                             crypto::EnvelopeHash(report_.envelope(), org_.organisation_id()), ""};
  candour::v1::EntryContent content;
  content.set_text("a reporter's message");
  absl::StatusOr<candour::v1::ThreadEntry> entry =
      crypto::SealEntry(header, content, keys, receipt_.sign, crypto::SigningKeyId(receipt_.sign.public_key),
                        org_.organisation_id());
  EXPECT_TRUE(entry.ok()) << entry.status();
  return entry.value_or(candour::v1::ThreadEntry());
}

candour::v1::ThreadEntry BadInputTest::GuardianEntry(const std::string& quoted_hash) const {
  // Messages are sealed under the view key, which the receipt gives the reporter.
  absl::StatusOr<crypto::SecretKey<32>> view_key =
      crypto::OpenViewKey(report_.receipt().sealed_view_key(), report_.envelope().report_id(), receipt_.box);
  EXPECT_TRUE(view_key.ok()) << view_key.status();
  const crypto::ThreadKeys keys = crypto::ThreadKeys::FromViewKey(*std::move(view_key));
  const std::string envelope_hash = crypto::EnvelopeHash(report_.envelope(), org_.organisation_id());
  crypto::EntryHeader header{report_.envelope().report_id(), 1, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, envelope_hash,
                             quoted_hash.empty() ? envelope_hash : quoted_hash};
  candour::v1::EntryContent content;
  content.set_text("a Guardian's reply");
  const crypto::RecipientKeys& guardian = org_.guardian(0);
  absl::StatusOr<candour::v1::ThreadEntry> entry =
      crypto::SealEntry(header, content, keys, guardian.sign, guardian.key_id, org_.organisation_id());
  EXPECT_TRUE(entry.ok()) << entry.status();
  return entry.value_or(candour::v1::ThreadEntry());
}

}  // namespace candour::services::bad_input
