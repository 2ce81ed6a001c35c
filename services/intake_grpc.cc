// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/intake_grpc.h"

#include "core/directory_rules.h"
#include "core/period.h"
#include "services/status_grpc.h"

namespace candour::services {

grpc::Status IntakeGrpc::GetDirectory(grpc::ServerContext*, const candour::v1::GetDirectoryRequest* request,
                                      candour::v1::SignedDirectory* response) {
  auto result = logic_->GetDirectory(*request);
  counters_->Record(result.status().code());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

grpc::Status IntakeGrpc::SubmitReport(grpc::ServerContext*, const candour::v1::SubmitReportRequest* request,
                                      candour::v1::SubmitReportResponse* response) {
  auto result = logic_->SubmitReport(*request);
  counters_->Record(result.status().code());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

grpc::Status AdminGrpc::PublishDirectory(grpc::ServerContext*, const candour::v1::PublishDirectoryRequest* request,
                                         candour::v1::PublishDirectoryResponse* response) {
  CallLog log("candour.v1.AdminService/PublishDirectory");
  auto version = directories_->Publish(request->directory(), core::TodayInLondon());
  log.set_status(version.status().code());
  if (!version.ok()) return ToGrpcStatus(version.status());
  response->set_version(*version);
  return grpc::Status::OK;
}

grpc::Status CaseworkGrpc::GetReport(grpc::ServerContext*, const candour::v1::GetReportRequest* request,
                                     candour::v1::GetReportResponse* response) {
  CallLog log("candour.v1.CaseworkService/GetReport");
  auto result = logic_->GetReport(*request);
  log.set_status(result.status().code());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace candour::services
