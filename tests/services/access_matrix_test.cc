// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The authorisation matrix: every RPC candourd serves, listed from the proto
// descriptors, called over gRPC on a real server as every role and with no,
// malformed, expired, signed-out and disabled-account tokens. The expected
// table is written out here by hand, separately from the proto options, so a
// changed declaration or a new RPC without a row fails this test.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>

#include <future>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "crypto/bytes.h"
#include "crypto/staff_credentials.h"
#include "gtest/gtest.h"
#include "services/access_table.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/staff.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::InProcessServer;
using candour::testing::ScopedTempDir;
using candour::testing::StaffFixture;
using candour::v1::Role;
using Code = grpc::StatusCode;

constexpr std::chrono::seconds kDeadline(10);

struct Expected {
  bool anonymous = false;
  std::set<Role> roles;
};

const std::set<Role> kAllStaff = {candour::v1::ROLE_ADMIN, candour::v1::ROLE_GUARDIAN, candour::v1::ROLE_HR,
                                  candour::v1::ROLE_STAFF_NETWORK, candour::v1::ROLE_STAFF_SIDE};

// Who reads de-identified counts: everyone but admins.
const std::set<Role> kInsightsRoles = {candour::v1::ROLE_GUARDIAN, candour::v1::ROLE_HR,
                                       candour::v1::ROLE_STAFF_NETWORK, candour::v1::ROLE_STAFF_SIDE};

const std::map<std::string, Expected>& ExpectedTable() {
  static const auto* table = new std::map<std::string, Expected>{
      {"/candour.v1.IntakeService/GetDirectory", {true, {}}},
      {"/candour.v1.IntakeService/SubmitReport", {true, {}}},
      {"/candour.v1.IntakeService/GetCase", {true, {}}},
      {"/candour.v1.IntakeService/AddFollowUp", {true, {}}},
      {"/candour.v1.AdminService/PublishDirectory", {true, {}}},
      {"/candour.v1.AdminService/InviteStaff", {false, {candour::v1::ROLE_ADMIN}}},
      {"/candour.v1.AdminService/DisableStaff", {false, {candour::v1::ROLE_ADMIN}}},
      {"/candour.v1.AdminService/ListStaff", {false, {candour::v1::ROLE_ADMIN}}},
      {"/candour.v1.AdminService/ReadAudit", {false, {candour::v1::ROLE_ADMIN}}},
      {"/candour.v1.AdminService/AddCheckpoint", {false, {candour::v1::ROLE_ADMIN}}},
      {"/candour.v1.AdminService/GetAuditHead", {false, kAllStaff}},
      {"/candour.v1.AuthService/GetSalt", {true, {}}},
      {"/candour.v1.AuthService/SignIn", {true, {}}},
      {"/candour.v1.AuthService/AcceptInvitation", {true, {}}},
      {"/candour.v1.AuthService/SignOut", {false, kAllStaff}},
      {"/candour.v1.AuthService/WhoAmI", {false, kAllStaff}},
      {"/candour.v1.CaseworkService/GetReport", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/GetThread", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/Reply", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/ListCases", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/ChangeStatus", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/Assign", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/AddNote", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/Classify", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/Link", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/GetCaseAccess", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.CaseworkService/Rewrap", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.InsightsService/FetchTags", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.InsightsService/GetLedger", {false, kInsightsRoles}},
      {"/candour.v1.InsightsService/PublishLedgerEntry", {false, {candour::v1::ROLE_GUARDIAN}}},
      {"/candour.v1.InsightsService/GetRelease", {false, kInsightsRoles}},
      {"/candour.v1.InsightsService/GetTables", {false, kInsightsRoles}},
      {"/candour.v1.InsightsService/GetHotspots", {false, kInsightsRoles}},
      {"/candour.v1.InsightsService/GetTrends", {false, kInsightsRoles}},
  };
  return *table;
}

// The test account holding just `role`: "role_guardian" and so on.
std::string AccountOf(Role role) { return absl::AsciiStrToLower(Role_Name(role)); }

// Every method of every service candourd serves, from the descriptors.
std::vector<std::string> MethodsFromDescriptors() {
  std::vector<std::string> methods;
  for (const char* name : kCandourServices) {
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      methods.push_back("/" + service->full_name() + "/" + service->method(i)->name());
    }
  }
  return methods;
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    staff_ = std::make_unique<StaffFixture>(&server_->store(), server_->channel());
    for (Role role : kAllStaff) {
      ASSERT_TRUE(staff_->Create(AccountOf(role), StaffFixture::RoleGrants(role)).ok()) << Role_Name(role);
    }
  }

  // Calls `method` with an empty request and `authorization` (none if empty).
  Code CallWith(const std::string& method, const std::string& authorization) {
    grpc::GenericStub stub(server_->channel());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    if (!authorization.empty()) context.AddMetadata("authorization", authorization);
    grpc::ByteBuffer request;  // an empty message: every field at its default
    grpc::Slice empty("");
    request = grpc::ByteBuffer(&empty, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get().error_code();
  }

  static std::string Bearer(const clients::SignedIn& session) {
    return "Bearer " + crypto::HexEncode(session.token->bytes().view());
  }

  // A fresh session for `name`, as its bearer header.
  std::string FreshBearer(const std::string& name) {
    absl::StatusOr<clients::SignedIn> session = staff_->SignIn(name);
    EXPECT_TRUE(session.ok()) << session.status();
    return session.ok() ? Bearer(*session) : std::string();
  }

  static bool Refused(Code code) { return code == Code::UNAUTHENTICATED || code == Code::PERMISSION_DENIED; }

  static const testing::TestOrg org_;
  ScopedTempDir dir_{"candour_access_matrix"};
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<StaffFixture> staff_;
};

const testing::TestOrg AccessMatrixTest::org_(1);

TEST_F(AccessMatrixTest, EveryMethodHasARowAndTheTableMatchesTheDeclarations) {
  std::vector<std::string> methods = MethodsFromDescriptors();
  std::set<std::string> listed(methods.begin(), methods.end());
  for (const auto& [method, expected] : ExpectedTable()) EXPECT_TRUE(listed.contains(method)) << method;
  absl::StatusOr<AccessTable> table = AccessTable::ForCandour();
  ASSERT_TRUE(table.ok()) << table.status();
  for (const std::string& method : methods) {
    auto row = ExpectedTable().find(method);
    ASSERT_NE(row, ExpectedTable().end()) << method << " has no row in the expected table";
    const candour::v1::Access* access = table->Find(method);
    ASSERT_NE(access, nullptr) << method;
    EXPECT_EQ(access->anonymous(), row->second.anonymous) << method;
    std::set<Role> declared;
    for (int role : access->roles()) declared.insert(static_cast<Role>(role));
    EXPECT_EQ(declared, row->second.roles) << method;
  }
}

TEST_F(AccessMatrixTest, EveryRoleGetsExactlyItsRows) {
  for (const std::string& method : MethodsFromDescriptors()) {
    const Expected& expected = ExpectedTable().at(method);
    // An anonymous RPC answers the same with or without a session.
    const Code anonymous_answer = CallWith(method, "");
    for (Role role : kAllStaff) {
      // A fresh session per call: SignOut, when allowed, ends the one it uses.
      Code code = CallWith(method, FreshBearer(AccountOf(role)));
      if (expected.anonymous) {
        EXPECT_EQ(code, anonymous_answer) << method << " as " << Role_Name(role);
      } else if (expected.roles.contains(role)) {
        EXPECT_FALSE(Refused(code)) << method << " as " << Role_Name(role) << ": " << code;
      } else {
        EXPECT_EQ(code, Code::PERMISSION_DENIED) << method << " as " << Role_Name(role);
      }
    }
  }
}

TEST_F(AccessMatrixTest, NoMalformedExpiredSignedOutOrDisabledTokenGetsIn) {
  // Expired: a session planted straight into the store whose times have passed.
  const std::string expired_token(crypto::kSessionTokenSize, 'e');
  candour::v1::SessionRecord past;
  past.set_created_at(1000);
  past.set_idle_expires_at(2000);
  past.set_expires_at(3000);
  storage::UnitOfWork unit;
  unit.AddSession({crypto::SessionTokenHash(expired_token), AccountOf(candour::v1::ROLE_ADMIN),
                   past.SerializeAsString()});
  ASSERT_TRUE(server_->store().Commit(unit).ok());

  // Signed out: a real session, ended.
  absl::StatusOr<clients::SignedIn> signed_out = staff_->SignIn(AccountOf(candour::v1::ROLE_ADMIN));
  ASSERT_TRUE(signed_out.ok());
  clients::AuthClient auth(server_->channel(), kDeadline, signed_out->token.get());
  ASSERT_TRUE(auth.SignOut().ok());

  // Disabled: a guardian's live session, then root disables the account.
  const std::string disabled = FreshBearer(AccountOf(candour::v1::ROLE_GUARDIAN));
  absl::StatusOr<clients::SignedIn> root = staff_->SignIn("root");
  ASSERT_TRUE(root.ok());
  clients::AdminClient admin(server_->channel(), kDeadline, root->token.get());
  ASSERT_TRUE(admin.DisableStaff(AccountOf(candour::v1::ROLE_GUARDIAN)).ok());

  const std::map<std::string, std::string> tokens = {
      {"none", ""},
      {"not bearer", "Basic " + std::string(64, '0')},
      {"short", "Bearer 00"},
      {"not hex", "Bearer " + std::string(64, 'z')},
      {"unknown", "Bearer " + std::string(64, '0')},
      {"expired", "Bearer " + crypto::HexEncode(expired_token)},
      {"signed out", Bearer(*signed_out)},
      {"disabled account", disabled},
  };
  for (const std::string& method : MethodsFromDescriptors()) {
    const Expected& expected = ExpectedTable().at(method);
    for (const auto& [kind, authorization] : tokens) {
      Code code = CallWith(method, authorization);
      if (expected.anonymous) {
        EXPECT_EQ(code, CallWith(method, "")) << method << " with a " << kind << " token";
      } else {
        EXPECT_EQ(code, Code::UNAUTHENTICATED) << method << " with a " << kind << " token";
      }
    }
  }
}

TEST(AccessTableTest, RefusesAMethodWithoutADeclaration) {
  // google.protobuf's own descriptor.proto declares no service; build one here.
  google::protobuf::FileDescriptorProto file;
  file.set_name("undeclared_test.proto");
  file.set_package("candour.test");
  file.set_syntax("proto3");
  auto* message = file.add_message_type();
  message->set_name("Empty");
  auto* service = file.add_service();
  service->set_name("Undeclared");
  auto* method = service->add_method();
  method->set_name("Open");
  method->set_input_type(".candour.test.Empty");
  method->set_output_type(".candour.test.Empty");
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* built = pool.BuildFile(file);
  ASSERT_NE(built, nullptr);
  absl::StatusOr<AccessTable> table = AccessTable::FromServices({built->service(0)});
  EXPECT_EQ(table.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(table.status().message().find("/candour.test.Undeclared/Open"), std::string::npos) << table.status();
}

}  // namespace
}  // namespace candour::services
