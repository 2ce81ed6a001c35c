// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Client transport: channel creation (TLS required off loopback) and one
// helper that makes a unary call with a deadline and returns absl::StatusOr.
// Every client call goes through Call(), so none is without a deadline.
#ifndef CANDOUR_CLIENTS_RPC_H_
#define CANDOUR_CLIENTS_RPC_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::clients {

struct ChannelOptions {
  std::string server = "127.0.0.1:7443";  // host:port
  std::string tls_ca_file;                // PEM roots; empty: system roots
  std::chrono::milliseconds deadline{10000};
};

// INVALID_ARGUMENT if the CA file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const ChannelOptions& options);

inline absl::Status FromGrpc(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

// A staff session token (32 bytes), held in wiped memory. Calls made with
// one carry it as "authorization: Bearer <hex>".
class SessionToken {
 public:
  explicit SessionToken(crypto::SecretBytes token) : token_(std::move(token)) {}
  const crypto::SecretBytes& bytes() const { return token_; }
  // Adds the authorization metadata to `context`; the temporary header text
  // is wiped once gRPC has its copy.
  void Attach(grpc::ClientContext& context) const;

 private:
  crypto::SecretBytes token_;
};

// Calls stub->*method(request) with a deadline, and the session if given.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> Call(Stub& stub,
                              grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                              const Request& request, std::chrono::milliseconds deadline,
                              const SessionToken* session = nullptr) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  if (session != nullptr) session->Attach(context);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return FromGrpc(status);
  return response;
}

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_RPC_H_
