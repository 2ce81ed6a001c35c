// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The IntakeService gRPC adapter: proto in, logic, status out, through the
// call guard. Reporters' calls are counted, never logged one by one.
// Thread-safe as the logic it wraps.
#ifndef CANDOUR_SERVICES_INTAKE_GRPC_H_
#define CANDOUR_SERVICES_INTAKE_GRPC_H_

#include "candour/v1/intake.grpc.pb.h"
#include "services/authoriser.h"
#include "services/follow_up_service.h"
#include "services/intake_service.h"
#include "services/server_log.h"

namespace candour::services {

class IntakeGrpc final : public candour::v1::IntakeService::Service {
 public:
  IntakeGrpc(const IntakeService* logic, const FollowUpService* follow_up, const Authoriser* authoriser,
             IntakeCounters* counters)
      : logic_(logic), follow_up_(follow_up), authoriser_(authoriser), counters_(counters) {}

  grpc::Status GetDirectory(grpc::ServerContext* context, const candour::v1::GetDirectoryRequest* request,
                            candour::v1::SignedDirectory* response) override;
  grpc::Status SubmitReport(grpc::ServerContext* context, const candour::v1::SubmitReportRequest* request,
                            candour::v1::SubmitReportResponse* response) override;
  grpc::Status GetCase(grpc::ServerContext* context, const candour::v1::GetCaseRequest* request,
                       candour::v1::GetCaseResponse* response) override;
  grpc::Status AddFollowUp(grpc::ServerContext* context, const candour::v1::AddFollowUpRequest* request,
                           candour::v1::AddFollowUpResponse* response) override;

 private:
  const IntakeService* const logic_;     // not owned
  const FollowUpService* const follow_up_;  // not owned
  const Authoriser* const authoriser_;   // not owned
  IntakeCounters* const counters_;       // not owned
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INTAKE_GRPC_H_
