// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/intake_grpc.h"

#include "services/call_guard_grpc.h"

namespace candour::services {

grpc::Status IntakeGrpc::GetDirectory(grpc::ServerContext* context, const candour::v1::GetDirectoryRequest* request,
                                      candour::v1::SignedDirectory* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/GetDirectory", response,
                     [&](const Caller*) { return logic_->GetDirectory(*request); });
}

grpc::Status IntakeGrpc::SubmitReport(grpc::ServerContext* context, const candour::v1::SubmitReportRequest* request,
                                      candour::v1::SubmitReportResponse* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/SubmitReport", response,
                     [&](const Caller*) { return logic_->SubmitReport(*request); });
}

// The peer string keys the guessing limiter, in memory only; it is never
// logged or stored.
grpc::Status IntakeGrpc::GetCase(grpc::ServerContext* context, const candour::v1::GetCaseRequest* request,
                                 candour::v1::GetCaseResponse* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/GetCase", response,
                     [&](const Caller*) { return follow_up_->GetCase(*request, context->peer()); });
}

grpc::Status IntakeGrpc::AddFollowUp(grpc::ServerContext* context, const candour::v1::AddFollowUpRequest* request,
                                     candour::v1::AddFollowUpResponse* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/AddFollowUp", response,
                     [&](const Caller*) { return follow_up_->AddFollowUp(*request, context->peer()); });
}

}  // namespace candour::services
