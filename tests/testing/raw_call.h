// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// One unary gRPC call with the request and response as raw bytes, through a
// generic stub: for tests that send bytes no typed stub would (garbage,
// truncated messages) or compare responses exactly as they crossed the wire.
// Thread-safe as the channel is.
#ifndef CANDOUR_TESTS_TESTING_RAW_CALL_H_
#define CANDOUR_TESTS_TESTING_RAW_CALL_H_

#include <grpcpp/channel.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <string>

namespace candour::testing {

struct RawResponse {
  grpc::Status status;
  std::string bytes;  // the response message; empty unless status is OK
};

// Calls `method` ("/package.Service/Method") with `request` as the message
// body, waiting up to `deadline`.
RawResponse RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                         const std::string& request, std::chrono::milliseconds deadline);

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_TESTING_RAW_CALL_H_
