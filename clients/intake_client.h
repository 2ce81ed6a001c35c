// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Typed clients for candourd's services. Each owns its stub, sets a deadline
// on every call (clients/rpc.h) and returns absl::StatusOr with the server's
// status. Thread-safe as the gRPC stubs are.
#ifndef CANDOUR_CLIENTS_INTAKE_CLIENT_H_
#define CANDOUR_CLIENTS_INTAKE_CLIENT_H_

#include <memory>

#include "candour/v1/admin.grpc.pb.h"
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

 private:
  std::unique_ptr<candour::v1::IntakeService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
};

class AdminClient {
 public:
  AdminClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline)
      : stub_(candour::v1::AdminService::NewStub(channel)), deadline_(deadline) {}
  absl::StatusOr<uint64_t> PublishDirectory(const candour::v1::SignedDirectory& directory);

 private:
  std::unique_ptr<candour::v1::AdminService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
};

class CaseworkClient {
 public:
  CaseworkClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline)
      : stub_(candour::v1::CaseworkService::NewStub(channel)), deadline_(deadline) {}
  absl::StatusOr<candour::v1::GetReportResponse> GetReport(const candour::v1::GetReportRequest& request);

 private:
  std::unique_ptr<candour::v1::CaseworkService::Stub> stub_;
  const std::chrono::milliseconds deadline_;
};

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_INTAKE_CLIENT_H_
