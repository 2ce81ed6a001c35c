// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one translation from absl::Status to grpc::Status. Canonical codes have
// the same numbers in both; messages pass through unchanged (they are written
// never to carry content, names, codes or keys). Thread-safe.
#ifndef CANDOUR_SERVICES_STATUS_GRPC_H_
#define CANDOUR_SERVICES_STATUS_GRPC_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace candour::services {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_STATUS_GRPC_H_
