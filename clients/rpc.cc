// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/rpc.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/loopback.h"
#include "crypto/bytes.h"

namespace candour::clients {

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const ChannelOptions& options) {
  // TLS whenever a CA is given, and always off loopback.
  bool tls = !options.tls_ca_file.empty() || !core::IsLoopbackAddress(options.server);
  if (!tls) return grpc::CreateChannel(options.server, grpc::InsecureChannelCredentials());
  grpc::SslCredentialsOptions ssl;
  if (!options.tls_ca_file.empty()) {
    std::ifstream in(options.tls_ca_file);
    if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read TLS CA file ", options.tls_ca_file));
    std::stringstream pem;
    pem << in.rdbuf();
    ssl.pem_root_certs = pem.str();
  }
  return grpc::CreateChannel(options.server, grpc::SslCredentials(ssl));
}

void SessionToken::Attach(grpc::ClientContext& context) const {
  std::string header = "Bearer " + crypto::HexEncode(token_.view());
  context.AddMetadata("authorization", header);
  sodium_memzero(header.data(), header.size());
}

}  // namespace candour::clients
