// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// gRPC adapters: proto in, logic, status out. One class per service; no logic
// here beyond counting and logging. Thread-safe as the logic they wrap.
#ifndef CANDOUR_SERVICES_INTAKE_GRPC_H_
#define CANDOUR_SERVICES_INTAKE_GRPC_H_

#include "candour/v1/admin.grpc.pb.h"
#include "candour/v1/casework.grpc.pb.h"
#include "candour/v1/intake.grpc.pb.h"
#include "services/casework_service.h"
#include "services/directory_registry.h"
#include "services/intake_service.h"
#include "services/server_log.h"

namespace candour::services {

class IntakeGrpc final : public candour::v1::IntakeService::Service {
 public:
  IntakeGrpc(const IntakeService* logic, IntakeCounters* counters) : logic_(logic), counters_(counters) {}
  grpc::Status GetDirectory(grpc::ServerContext* context, const candour::v1::GetDirectoryRequest* request,
                            candour::v1::SignedDirectory* response) override;
  grpc::Status SubmitReport(grpc::ServerContext* context, const candour::v1::SubmitReportRequest* request,
                            candour::v1::SubmitReportResponse* response) override;

 private:
  const IntakeService* const logic_;  // not owned
  IntakeCounters* const counters_;    // not owned
};

class AdminGrpc final : public candour::v1::AdminService::Service {
 public:
  explicit AdminGrpc(DirectoryRegistry* directories) : directories_(directories) {}
  grpc::Status PublishDirectory(grpc::ServerContext* context, const candour::v1::PublishDirectoryRequest* request,
                                candour::v1::PublishDirectoryResponse* response) override;

 private:
  DirectoryRegistry* const directories_;  // not owned
};

class CaseworkGrpc final : public candour::v1::CaseworkService::Service {
 public:
  explicit CaseworkGrpc(const CaseworkService* logic) : logic_(logic) {}
  grpc::Status GetReport(grpc::ServerContext* context, const candour::v1::GetReportRequest* request,
                         candour::v1::GetReportResponse* response) override;

 private:
  const CaseworkService* const logic_;  // not owned
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_INTAKE_GRPC_H_
