// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff accounts over the wire: the real server (CandourServer over a real
// RocksDbReportStore, gRPC on 127.0.0.1) and the real client code. GetSalt's
// answer for a name is compared as the bytes that crossed the wire, before
// and after the account is made; an acceptance with any other salt or limits
// is refused and leaves every column family as it was.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "clients/intake_client.h"
#include "clients/staff_session.h"
#include "crypto/key_file.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/rocksdb_snapshot.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::InProcessServer;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::testing::TestOrg;

constexpr std::chrono::seconds kDeadline(10);
constexpr char kGetSalt[] = "/candour.v1.AuthService/GetSalt";

class StaffGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
  }

  // The response to GetSalt(name) exactly as it came over the wire.
  std::string GetSaltBytes(const std::string& name) {
    candour::v1::GetSaltRequest request;
    request.set_name(name);
    candour::testing::RawResponse response =
        candour::testing::RawUnaryCall(server_->channel(), kGetSalt, request.SerializeAsString(), kDeadline);
    EXPECT_TRUE(response.status.ok()) << response.status.error_message();
    return response.bytes;
  }

  static const TestOrg org_;  // keys are the slow part
  ScopedTempDir dir_{"candour_staff_grpc"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
};

const TestOrg StaffGrpcTest::org_(1);

TEST_F(StaffGrpcTest, GetSaltAnswersTheSameBytesBeforeAndAfterTheAccountIsMade) {
  const std::string before = GetSaltBytes("erin");
  ASSERT_FALSE(before.empty());
  // Made by the real client: GetSalt, Argon2id, AcceptInvitation.
  ASSERT_TRUE(staff_->Create("erin", StaffFixture::RoleGrants(candour::v1::ROLE_HR)).ok());
  ASSERT_TRUE(server_->store().GetAccount("erin").ok());
  EXPECT_EQ(GetSaltBytes("erin"), before);
  EXPECT_EQ(GetSaltBytes("ERIN"), before);  // the name as looked up
  ASSERT_TRUE(staff_->SignIn("erin").ok());

  // A name that has never had an account gets the same limits, and a salt
  // of the same size.
  candour::v1::GetSaltResponse made, never;
  ASSERT_TRUE(made.ParseFromString(before));
  ASSERT_TRUE(never.ParseFromString(GetSaltBytes("nobody")));
  EXPECT_EQ(never.kdf().opslimit(), made.kdf().opslimit());
  EXPECT_EQ(never.kdf().memlimit(), made.kdf().memlimit());
  EXPECT_EQ(never.kdf().salt().size(), made.kdf().salt().size());
  EXPECT_NE(never.kdf().salt(), made.kdf().salt());
}

TEST_F(StaffGrpcTest, AcceptingWithAnotherSaltOrLimitsIsRefusedAndChangesNothing) {
  absl::StatusOr<clients::SignedIn> root = staff_->SignIn("root");
  ASSERT_TRUE(root.ok()) << root.status();
  clients::AdminClient admin(server_->channel(), kDeadline, root->token.get());
  candour::v1::InviteStaffRequest invite;
  invite.set_name("erin");
  *invite.mutable_grants() = StaffFixture::RoleGrants(candour::v1::ROLE_HR);
  invite.set_valid_days(1);
  absl::StatusOr<candour::v1::InviteStaffResponse> invitation = admin.InviteStaff(invite);
  ASSERT_TRUE(invitation.ok()) << invitation.status();

  clients::AuthClient auth(server_->channel(), kDeadline);
  absl::StatusOr<candour::v1::AccountKdf> answered = auth.GetSalt("erin");
  ASSERT_TRUE(answered.ok()) << answered.status();
  candour::v1::AcceptInvitationRequest good;
  good.set_invitation_code(invitation->invitation_code());
  good.set_name("erin");
  *good.mutable_kdf() = *answered;
  good.set_auth_key(std::string(32, 'k'));
  std::vector<std::pair<std::string, candour::v1::AcceptInvitationRequest>> cases(4, {"", good});
  cases[0].first = "a random salt";
  cases[0].second.mutable_kdf()->set_salt(std::string(16, '\x5a'));
  cases[1].first = "another name's salt";
  cases[1].second.mutable_kdf()->set_salt(auth.GetSalt("frank")->salt());
  cases[2].first = "more passes";
  cases[2].second.mutable_kdf()->set_opslimit(answered->opslimit() + 1);
  cases[3].first = "more memory";
  cases[3].second.mutable_kdf()->set_memlimit(answered->memlimit() * 2);
  for (const auto& [name, request] : cases) {
    SCOPED_TRACE(name);
    const candour::testing::DbSnapshot before = candour::testing::Snapshot(server_->store());
    absl::StatusOr<candour::v1::AcceptInvitationResponse> refused = auth.AcceptInvitation(request);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << refused.status();
    const candour::testing::DbSnapshot after = candour::testing::Snapshot(server_->store());
    EXPECT_TRUE(after == before) << candour::testing::SnapshotDiff(before, after);
  }
  // The invitation is still unused: the real client, asking GetSalt first, gets in.
  absl::StatusOr<candour::v1::Grants> made =
      clients::AcceptStaffInvitation(auth, invitation->invitation_code(), "erin", "a passphrase", "");
  EXPECT_TRUE(made.ok()) << made.status();
}

}  // namespace
}  // namespace candour::services
