// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Typed clients for candourd's services. Each owns its stub, sets a deadline
// on every call (clients/rpc.h) and returns absl::StatusOr with the server's
// status. Thread-safe as the gRPC stubs are.
#ifndef CANDOUR_CLIENTS_INTAKE_CLIENT_H_
#define CANDOUR_CLIENTS_INTAKE_CLIENT_H_

#include <memory>
#include <string_view>
#include <string_view>

#include "candour/v1/admin.grpc.pb.h"
#include "candour/v1/auth.grpc.pb.h"
#include "candour/v1/auth.grpc.pb.h"
#include "candour/v1/casework.grpc.pb.h"
#include "candour/v1/intake.grpc.pb.h"
#include "clients/rpc.h"

namespace candour::clients {

class IntakeClient {
 public:
  IntakeClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline)
      : stub_(candour::v1::IntakeService::NewStub(channel)), deadline_(deadline) {}
  // version 0: the latest.
  absl::StatusOr<candour::v1::SignedDirectory> GetDirectory(uint64_t version);
  absl::StatusOr<candour::v1::SubmitReportResponse> SubmitReport(const candour::v1::SubmitReportRequest& request);
  absl::StatusOr<candour::v1::GetCaseResponse> GetCase(std::string_view lookup);
  absl::StatusOr<candour::v1::AddFollowUpResponse> AddFollowUp(std::string_view lookup,
                                                               const candour::v1::ThreadEntry& entry);

 private:
  std::unique_ptr<candour::v1::IntakeService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
};

// `session` (may be null; not owned) is attached to the staff calls.
class AdminClient {
 public:
  AdminClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline,
              const SessionToken* session = nullptr)
      : stub_(candour::v1::AdminService::NewStub(channel)), deadline_(deadline), session_(session) {}
  // Needs no session: the organisation's signature is the authority.
  absl::StatusOr<uint64_t> PublishDirectory(const candour::v1::SignedDirectory& directory);
  absl::StatusOr<candour::v1::InviteStaffResponse> InviteStaff(const candour::v1::InviteStaffRequest& request);
  absl::Status DisableStaff(std::string_view name);
  absl::StatusOr<candour::v1::ListStaffResponse> ListStaff();
  absl::StatusOr<candour::v1::ReadAuditResponse> ReadAudit(uint64_t first, uint32_t max);
  absl::Status AddCheckpoint(const candour::v1::AuditCheckpoint& checkpoint);
  // Any staff session.
  absl::StatusOr<candour::v1::GetAuditHeadResponse> GetAuditHead(uint64_t known_length);

 private:
  std::unique_ptr<candour::v1::AdminService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
  const SessionToken* const session_;
};

// Every call needs a Guardian's session (not owned; must outlive the client).
class CaseworkClient {
 public:
  CaseworkClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline,
                 const SessionToken* session)
      : stub_(candour::v1::CaseworkService::NewStub(channel)), deadline_(deadline), session_(session) {}
  absl::StatusOr<candour::v1::GetReportResponse> GetReport(const candour::v1::GetReportRequest& request);
  absl::StatusOr<candour::v1::GetThreadResponse> GetThread(std::string_view report_id);
  absl::StatusOr<candour::v1::ReplyResponse> Reply(const candour::v1::ThreadEntry& entry);
  absl::StatusOr<candour::v1::ListCasesResponse> ListCases(const candour::v1::ListCasesRequest& request);
  absl::StatusOr<candour::v1::EntryAdded> ChangeStatus(const candour::v1::ChangeStatusRequest& request);
  absl::StatusOr<candour::v1::EntryAdded> Assign(const candour::v1::AssignRequest& request);
  absl::StatusOr<candour::v1::EntryAdded> AddNote(const candour::v1::AddNoteRequest& request);
  absl::StatusOr<candour::v1::EntryAdded> Classify(const candour::v1::ClassifyRequest& request);
  absl::StatusOr<candour::v1::EntryAdded> Link(const candour::v1::LinkRequest& request);
  absl::StatusOr<candour::v1::GetCaseAccessResponse> GetCaseAccess(std::string_view report_id);
  absl::StatusOr<candour::v1::EntryAdded> Rewrap(const candour::v1::RewrapRequest& request);

 private:
  std::unique_ptr<candour::v1::CaseworkService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
  const SessionToken* const session_;
};

// AuthService. `session` (may be null) is attached to SignOut and WhoAmI.
class AuthClient {
 public:
  AuthClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline,
             const SessionToken* session = nullptr)
      : stub_(candour::v1::AuthService::NewStub(channel)), deadline_(deadline), session_(session) {}
  absl::StatusOr<candour::v1::AccountKdf> GetSalt(std::string_view name);
  absl::StatusOr<candour::v1::SignInResponse> SignIn(const candour::v1::SignInRequest& request);
  absl::StatusOr<candour::v1::AcceptInvitationResponse> AcceptInvitation(
      const candour::v1::AcceptInvitationRequest& request);
  absl::Status SignOut();
  absl::StatusOr<candour::v1::WhoAmIResponse> WhoAmI();

 private:
  std::unique_ptr<candour::v1::AuthService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
  const SessionToken* const session_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_INTAKE_CLIENT_H_
