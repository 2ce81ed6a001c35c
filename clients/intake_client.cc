// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/intake_client.h"

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
  return Call(*stub_, &CaseworkService::Stub::GetReport, request, deadline_);
}

}  // namespace candour::clients
