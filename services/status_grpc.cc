// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/status_grpc.h"

#include <string>

namespace candour::services {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbering (google.rpc.Code).
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace candour::services
