// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/rpc.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <sodium.h>

#include <cstring>
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
  // Written in place into a buffer sized once, so no reallocation leaves an
  // unwiped copy of the token behind.
  std::string header(7 + 2 * token_.size() + 1, '\0');
  std::memcpy(header.data(), "Bearer ", 7);
  sodium_bin2hex(header.data() + 7, 2 * token_.size() + 1, token_.data(), token_.size());
  header.pop_back();  // sodium_bin2hex's terminator
  context.AddMetadata("authorization", header);
  sodium_memzero(header.data(), header.size());
}

}  // namespace candour::clients
