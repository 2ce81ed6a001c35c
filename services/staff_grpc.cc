// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/staff_grpc.h"

#include "core/period.h"
#include "services/call_guard_grpc.h"

namespace candour::services {

using namespace candour::v1;  // NOLINT: every type below is from the proto

grpc::Status AuthGrpc::GetSalt(grpc::ServerContext* context, const GetSaltRequest* request, GetSaltResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AuthService/GetSalt", response,
                    [&](const Caller*) { return logic_->GetSalt(*request); });
}

grpc::Status AuthGrpc::SignIn(grpc::ServerContext* context, const SignInRequest* request, SignInResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AuthService/SignIn", response,
                    [&](const Caller*) { return logic_->SignIn(*request); });
}

grpc::Status AuthGrpc::AcceptInvitation(grpc::ServerContext* context, const AcceptInvitationRequest* request,
                                        AcceptInvitationResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AuthService/AcceptInvitation", response,
                    [&](const Caller*) { return logic_->AcceptInvitation(*request); });
}

grpc::Status AuthGrpc::SignOut(grpc::ServerContext* context, const SignOutRequest*, SignOutResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AuthService/SignOut", response,
                    [&](const Caller* caller) -> absl::StatusOr<SignOutResponse> {
                      if (absl::Status s = logic_->SignOut(*caller); !s.ok()) return s;
                      return SignOutResponse();
                    });
}

grpc::Status AuthGrpc::WhoAmI(grpc::ServerContext* context, const WhoAmIRequest*, WhoAmIResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AuthService/WhoAmI", response,
                    [&](const Caller* caller) -> absl::StatusOr<WhoAmIResponse> { return logic_->WhoAmI(*caller); });
}

grpc::Status AdminGrpc::PublishDirectory(grpc::ServerContext* context, const PublishDirectoryRequest* request,
                                         PublishDirectoryResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/PublishDirectory", response,
                    [&](const Caller*) -> absl::StatusOr<PublishDirectoryResponse> {
                      absl::StatusOr<uint64_t> version =
                          directories_->Publish(request->directory(), core::TodayInLondon());
                      if (!version.ok()) return version.status();
                      PublishDirectoryResponse out;
                      out.set_version(*version);
                      return out;
                    });
}

grpc::Status AdminGrpc::InviteStaff(grpc::ServerContext* context, const InviteStaffRequest* request,
                                    InviteStaffResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/InviteStaff", response,
                    [&](const Caller* caller) { return staff_->InviteStaff(*caller, *request); });
}

grpc::Status AdminGrpc::DisableStaff(grpc::ServerContext* context, const DisableStaffRequest* request,
                                     DisableStaffResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/DisableStaff", response,
                    [&](const Caller* caller) -> absl::StatusOr<DisableStaffResponse> {
                      if (absl::Status s = staff_->DisableStaff(*caller, *request); !s.ok()) return s;
                      return DisableStaffResponse();
                    });
}

grpc::Status AdminGrpc::ListStaff(grpc::ServerContext* context, const ListStaffRequest*, ListStaffResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/ListStaff", response,
                    [&](const Caller* caller) { return staff_->ListStaff(*caller); });
}

grpc::Status AdminGrpc::ReadAudit(grpc::ServerContext* context, const ReadAuditRequest* request,
                                  ReadAuditResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/ReadAudit", response,
                    [&](const Caller* caller) { return audit_->ReadAudit(*caller, *request); });
}

grpc::Status AdminGrpc::AddCheckpoint(grpc::ServerContext* context, const AddCheckpointRequest* request,
                                      AddCheckpointResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/AddCheckpoint", response,
                    [&](const Caller* caller) { return audit_->AddCheckpoint(*caller, *request); });
}

grpc::Status AdminGrpc::GetAuditHead(grpc::ServerContext* context, const GetAuditHeadRequest* request,
                                     GetAuditHeadResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.AdminService/GetAuditHead", response,
                    [&](const Caller*) { return audit_->GetAuditHead(*request); });
}

grpc::Status CaseworkGrpc::GetReport(grpc::ServerContext* context, const GetReportRequest* request,
                                     GetReportResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/GetReport", response,
                    [&](const Caller* caller) { return logic_->GetReport(*caller, *request); });
}

grpc::Status CaseworkGrpc::GetThread(grpc::ServerContext* context, const GetThreadRequest* request,
                                     GetThreadResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/GetThread", response,
                    [&](const Caller* caller) { return threads_->GetThread(*caller, *request); });
}

grpc::Status CaseworkGrpc::GetCaseAccess(grpc::ServerContext* context, const GetCaseAccessRequest* request,
                                         GetCaseAccessResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/GetCaseAccess", response,
                    [&](const Caller* caller) { return audit_->GetCaseAccess(*caller, *request); });
}

grpc::Status CaseworkGrpc::Reply(grpc::ServerContext* context, const ReplyRequest* request, ReplyResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/Reply", response,
                    [&](const Caller* caller) { return threads_->Reply(*caller, *request); });
}

grpc::Status CaseworkGrpc::ListCases(grpc::ServerContext* context, const ListCasesRequest* request,
                                     ListCasesResponse* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/ListCases", response,
                    [&](const Caller* caller) { return threads_->ListCases(*caller, *request); });
}

grpc::Status CaseworkGrpc::ChangeStatus(grpc::ServerContext* context, const ChangeStatusRequest* request,
                                        EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/ChangeStatus", response,
                    [&](const Caller* caller) { return threads_->ChangeStatus(*caller, *request); });
}

grpc::Status CaseworkGrpc::Assign(grpc::ServerContext* context, const AssignRequest* request, EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/Assign", response,
                    [&](const Caller* caller) { return threads_->Assign(*caller, *request); });
}

grpc::Status CaseworkGrpc::AddNote(grpc::ServerContext* context, const AddNoteRequest* request, EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/AddNote", response,
                    [&](const Caller* caller) { return threads_->AddNote(*caller, *request); });
}

grpc::Status CaseworkGrpc::Classify(grpc::ServerContext* context, const ClassifyRequest* request,
                                    EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/Classify", response,
                    [&](const Caller* caller) { return threads_->Classify(*caller, *request); });
}

grpc::Status CaseworkGrpc::Link(grpc::ServerContext* context, const LinkRequest* request, EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/Link", response,
                    [&](const Caller* caller) { return threads_->Link(*caller, *request); });
}

grpc::Status CaseworkGrpc::Rewrap(grpc::ServerContext* context, const RewrapRequest* request, EntryAdded* response) {
  return LoggedCall(*authoriser_, context, "/candour.v1.CaseworkService/Rewrap", response,
                    [&](const Caller* caller) { return threads_->Rewrap(*caller, *request); });
}

}  // namespace candour::services
