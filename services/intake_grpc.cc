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

namespace {

// The peer's address without its port ("ipv4:10.1.2.3:51234" -> "ipv4:10.1.2.3"),
// so reconnecting does not buy a guesser a fresh allowance. It keys the
// guessing limiter in memory only and is never logged or stored.
std::string PeerAddress(const std::string& peer) {
  const size_t colon = peer.rfind(':');
  const size_t scheme = peer.find(':');
  return colon == std::string::npos || colon == scheme ? peer : peer.substr(0, colon);
}

}  // namespace

grpc::Status IntakeGrpc::GetCase(grpc::ServerContext* context, const candour::v1::GetCaseRequest* request,
                                 candour::v1::GetCaseResponse* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/GetCase", response,
                     [&](const Caller*) { return follow_up_->GetCase(*request, PeerAddress(context->peer())); });
}

grpc::Status IntakeGrpc::AddFollowUp(grpc::ServerContext* context, const candour::v1::AddFollowUpRequest* request,
                                     candour::v1::AddFollowUpResponse* response) {
  return CountedCall(*authoriser_, *counters_, context, "/candour.v1.IntakeService/AddFollowUp", response,
                     [&](const Caller*) { return follow_up_->AddFollowUp(*request, PeerAddress(context->peer())); });
}

}  // namespace candour::services
