// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/intake_client.h"

#include "crypto/wipe_message.h"

namespace candour::clients {

using namespace candour::v1;

absl::StatusOr<SignedDirectory> IntakeClient::GetDirectory(uint64_t version) {
  GetDirectoryRequest request;
  request.set_version(version);
  return Call(*stub_, &IntakeService::Stub::GetDirectory, request, deadline_);
}

absl::StatusOr<SubmitReportResponse> IntakeClient::SubmitReport(const SubmitReportRequest& request) {
  return Call(*stub_, &IntakeService::Stub::SubmitReport, request, deadline_);
}

absl::StatusOr<uint64_t> AdminClient::PublishDirectory(const SignedDirectory& directory) {
  PublishDirectoryRequest request;
  *request.mutable_directory() = directory;
  auto response = Call(*stub_, &AdminService::Stub::PublishDirectory, request, deadline_);
  if (!response.ok()) return response.status();
  return response->version();
}

absl::StatusOr<GetReportResponse> CaseworkClient::GetReport(const GetReportRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::GetReport, request, deadline_, session_);
}

absl::StatusOr<InviteStaffResponse> AdminClient::InviteStaff(const InviteStaffRequest& request) {
  return Call(*stub_, &AdminService::Stub::InviteStaff, request, deadline_, session_);
}

absl::Status AdminClient::DisableStaff(std::string_view name) {
  DisableStaffRequest request;
  request.set_name(std::string(name));
  return Call(*stub_, &AdminService::Stub::DisableStaff, request, deadline_, session_).status();
}

absl::StatusOr<ListStaffResponse> AdminClient::ListStaff() {
  return Call(*stub_, &AdminService::Stub::ListStaff, ListStaffRequest(), deadline_, session_);
}

absl::StatusOr<ReadAuditResponse> AdminClient::ReadAudit(uint64_t first, uint32_t max) {
  ReadAuditRequest request;
  request.set_first(first);
  request.set_max(max);
  return Call(*stub_, &AdminService::Stub::ReadAudit, request, deadline_, session_);
}

absl::Status AdminClient::AddCheckpoint(const AuditCheckpoint& checkpoint) {
  AddCheckpointRequest request;
  *request.mutable_checkpoint() = checkpoint;
  return Call(*stub_, &AdminService::Stub::AddCheckpoint, request, deadline_, session_).status();
}

absl::StatusOr<GetAuditHeadResponse> AdminClient::GetAuditHead(uint64_t known_length) {
  GetAuditHeadRequest request;
  request.set_known_length(known_length);
  return Call(*stub_, &AdminService::Stub::GetAuditHead, request, deadline_, session_);
}

absl::StatusOr<AccountKdf> AuthClient::GetSalt(std::string_view name) {
  GetSaltRequest request;
  request.set_name(std::string(name));
  absl::StatusOr<GetSaltResponse> response = Call(*stub_, &AuthService::Stub::GetSalt, request, deadline_);
  if (!response.ok()) return response.status();
  return response->kdf();
}

absl::StatusOr<SignInResponse> AuthClient::SignIn(const SignInRequest& request) {
  return Call(*stub_, &AuthService::Stub::SignIn, request, deadline_);
}

absl::StatusOr<AcceptInvitationResponse> AuthClient::AcceptInvitation(const AcceptInvitationRequest& request) {
  return Call(*stub_, &AuthService::Stub::AcceptInvitation, request, deadline_);
}

absl::Status AuthClient::SignOut() {
  return Call(*stub_, &AuthService::Stub::SignOut, SignOutRequest(), deadline_, session_).status();
}

absl::StatusOr<WhoAmIResponse> AuthClient::WhoAmI() {
  return Call(*stub_, &AuthService::Stub::WhoAmI, WhoAmIRequest(), deadline_, session_);
}

absl::StatusOr<GetCaseResponse> IntakeClient::GetCase(std::string_view lookup) {
  GetCaseRequest request;
  request.set_lookup(std::string(lookup));
  auto response = Call(*stub_, &IntakeService::Stub::GetCase, request, deadline_);
  crypto::WipeMessage(request);
  return response;
}

absl::StatusOr<AddFollowUpResponse> IntakeClient::AddFollowUp(std::string_view lookup, const ThreadEntry& entry) {
  AddFollowUpRequest request;
  request.set_lookup(std::string(lookup));
  *request.mutable_entry() = entry;
  auto response = Call(*stub_, &IntakeService::Stub::AddFollowUp, request, deadline_);
  crypto::WipeMessage(request);
  return response;
}

absl::StatusOr<GetThreadResponse> CaseworkClient::GetThread(std::string_view report_id) {
  GetThreadRequest request;
  request.set_report_id(std::string(report_id));
  return Call(*stub_, &CaseworkService::Stub::GetThread, request, deadline_, session_);
}

absl::StatusOr<ReplyResponse> CaseworkClient::Reply(const ThreadEntry& entry) {
  ReplyRequest request;
  *request.mutable_entry() = entry;
  return Call(*stub_, &CaseworkService::Stub::Reply, request, deadline_, session_);
}

absl::StatusOr<ListCasesResponse> CaseworkClient::ListCases(const ListCasesRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::ListCases, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::ChangeStatus(const ChangeStatusRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::ChangeStatus, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::Assign(const AssignRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::Assign, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::AddNote(const AddNoteRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::AddNote, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::Classify(const ClassifyRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::Classify, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::Link(const LinkRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::Link, request, deadline_, session_);
}

absl::StatusOr<GetCaseAccessResponse> CaseworkClient::GetCaseAccess(std::string_view report_id) {
  GetCaseAccessRequest request;
  request.set_report_id(std::string(report_id));
  return Call(*stub_, &CaseworkService::Stub::GetCaseAccess, request, deadline_, session_);
}

absl::StatusOr<EntryAdded> CaseworkClient::Rewrap(const RewrapRequest& request) {
  return Call(*stub_, &CaseworkService::Stub::Rewrap, request, deadline_, session_);
}

}  // namespace candour::clients
