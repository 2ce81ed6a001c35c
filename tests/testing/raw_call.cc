// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/testing/raw_call.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <future>
#include <vector>

namespace candour::testing {

RawResponse RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                         const std::string& request, std::chrono::milliseconds deadline) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  RawResponse response{done.get_future().get(), ""};
  if (!response.status.ok()) return response;
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) return {grpc::Status(grpc::StatusCode::INTERNAL, "unreadable response"), ""};
  for (const grpc::Slice& s : slices) response.bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return response;
}

}  // namespace candour::testing
