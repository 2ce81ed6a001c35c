// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/call_guard_grpc.h"

namespace candour::services {

absl::StatusOr<std::optional<Caller>> AuthoriseCall(const Authoriser& authoriser, const grpc::ServerContext& context,
                                                    std::string_view method) {
  std::string_view authorization;
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(kAuthorizationMetadata.data(), kAuthorizationMetadata.size()));
  if (it != metadata.end()) authorization = std::string_view(it->second.data(), it->second.size());
  return authoriser.Authorise(method, authorization);
}

}  // namespace candour::services
