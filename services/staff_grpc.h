// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// gRPC adapters for the staff-facing services: proto in, logic, status out,
// through the call guard, one log line per call. No checks of their own.
// Thread-safe as the logic they wrap.
#ifndef CANDOUR_SERVICES_STAFF_GRPC_H_
#define CANDOUR_SERVICES_STAFF_GRPC_H_

#include "candour/v1/admin.grpc.pb.h"
#include "candour/v1/auth.grpc.pb.h"
#include "candour/v1/casework.grpc.pb.h"
#include "services/audit_service.h"
#include "services/auth_service.h"
#include "services/authoriser.h"
#include "services/case_threads.h"
#include "services/casework_service.h"
#include "services/directory_registry.h"
#include "services/staff_admin_service.h"

namespace candour::services {

class AuthGrpc final : public candour::v1::AuthService::Service {
 public:
  AuthGrpc(AuthService* logic, const Authoriser* authoriser) : logic_(logic), authoriser_(authoriser) {}
  grpc::Status GetSalt(grpc::ServerContext* context, const candour::v1::GetSaltRequest* request,
                       candour::v1::GetSaltResponse* response) override;
  grpc::Status SignIn(grpc::ServerContext* context, const candour::v1::SignInRequest* request,
                      candour::v1::SignInResponse* response) override;
  grpc::Status AcceptInvitation(grpc::ServerContext* context, const candour::v1::AcceptInvitationRequest* request,
                                candour::v1::AcceptInvitationResponse* response) override;
  grpc::Status SignOut(grpc::ServerContext* context, const candour::v1::SignOutRequest* request,
                       candour::v1::SignOutResponse* response) override;
  grpc::Status WhoAmI(grpc::ServerContext* context, const candour::v1::WhoAmIRequest* request,
                      candour::v1::WhoAmIResponse* response) override;

 private:
  AuthService* const logic_;            // not owned
  const Authoriser* const authoriser_;  // not owned
};

class AdminGrpc final : public candour::v1::AdminService::Service {
 public:
  AdminGrpc(DirectoryRegistry* directories, const StaffAdminService* staff, const AuditService* audit,
            const Authoriser* authoriser)
      : directories_(directories), staff_(staff), audit_(audit), authoriser_(authoriser) {}
  grpc::Status PublishDirectory(grpc::ServerContext* context, const candour::v1::PublishDirectoryRequest* request,
                                candour::v1::PublishDirectoryResponse* response) override;
  grpc::Status InviteStaff(grpc::ServerContext* context, const candour::v1::InviteStaffRequest* request,
                           candour::v1::InviteStaffResponse* response) override;
  grpc::Status DisableStaff(grpc::ServerContext* context, const candour::v1::DisableStaffRequest* request,
                            candour::v1::DisableStaffResponse* response) override;
  grpc::Status ListStaff(grpc::ServerContext* context, const candour::v1::ListStaffRequest* request,
                         candour::v1::ListStaffResponse* response) override;
  grpc::Status ReadAudit(grpc::ServerContext* context, const candour::v1::ReadAuditRequest* request,
                         candour::v1::ReadAuditResponse* response) override;
  grpc::Status AddCheckpoint(grpc::ServerContext* context, const candour::v1::AddCheckpointRequest* request,
                             candour::v1::AddCheckpointResponse* response) override;
  grpc::Status GetAuditHead(grpc::ServerContext* context, const candour::v1::GetAuditHeadRequest* request,
                            candour::v1::GetAuditHeadResponse* response) override;

 private:
  DirectoryRegistry* const directories_;  // not owned
  const StaffAdminService* const staff_;  // not owned
  const AuditService* const audit_;       // not owned
  const Authoriser* const authoriser_;    // not owned
};

class CaseworkGrpc final : public candour::v1::CaseworkService::Service {
 public:
  CaseworkGrpc(const CaseworkService* logic, const CaseThreads* threads, const AuditService* audit,
               const Authoriser* authoriser)
      : logic_(logic), threads_(threads), audit_(audit), authoriser_(authoriser) {}
  grpc::Status GetReport(grpc::ServerContext* context, const candour::v1::GetReportRequest* request,
                         candour::v1::GetReportResponse* response) override;
  grpc::Status GetThread(grpc::ServerContext* context, const candour::v1::GetThreadRequest* request,
                         candour::v1::GetThreadResponse* response) override;
  grpc::Status Reply(grpc::ServerContext* context, const candour::v1::ReplyRequest* request,
                     candour::v1::ReplyResponse* response) override;
  grpc::Status GetCaseAccess(grpc::ServerContext* context, const candour::v1::GetCaseAccessRequest* request,
                             candour::v1::GetCaseAccessResponse* response) override;

  grpc::Status ListCases(grpc::ServerContext* context, const candour::v1::ListCasesRequest* request,
                         candour::v1::ListCasesResponse* response) override;
  grpc::Status ChangeStatus(grpc::ServerContext* context, const candour::v1::ChangeStatusRequest* request,
                            candour::v1::EntryAdded* response) override;
  grpc::Status Assign(grpc::ServerContext* context, const candour::v1::AssignRequest* request,
                      candour::v1::EntryAdded* response) override;
  grpc::Status AddNote(grpc::ServerContext* context, const candour::v1::AddNoteRequest* request,
                       candour::v1::EntryAdded* response) override;
  grpc::Status Classify(grpc::ServerContext* context, const candour::v1::ClassifyRequest* request,
                        candour::v1::EntryAdded* response) override;
  grpc::Status Link(grpc::ServerContext* context, const candour::v1::LinkRequest* request,
                    candour::v1::EntryAdded* response) override;
  grpc::Status Rewrap(grpc::ServerContext* context, const candour::v1::RewrapRequest* request,
                      candour::v1::EntryAdded* response) override;

 private:
  const CaseworkService* const logic_;  // not owned
  const CaseThreads* const threads_;    // not owned
  const AuditService* const audit_;     // not owned
  const Authoriser* const authoriser_;  // not owned
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_STAFF_GRPC_H_
