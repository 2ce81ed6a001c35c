// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Who may call each RPC, read once from the `candour.v1.access` method option
// of every service in proto/candour/v1. The proto is the one place an RPC's
// roles are written down; this table is how the server reads it. Building the
// table fails if any method has no declaration, or one that lets nobody in,
// so a forgotten option stops candourd at start-up rather than opening an RPC.
// Immutable after construction; thread-safe.
#ifndef CANDOUR_SERVICES_ACCESS_TABLE_H_
#define CANDOUR_SERVICES_ACCESS_TABLE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "candour/v1/options.pb.h"

namespace google::protobuf {
class ServiceDescriptor;
}

namespace candour::services {

// Every service candourd serves, by full name.
inline constexpr const char* kCandourServices[] = {"candour.v1.IntakeService", "candour.v1.AdminService",
                                                   "candour.v1.AuthService", "candour.v1.CaseworkService",
                                                   "candour.v1.InsightsService"};

class AccessTable {
 public:
  // FAILED_PRECONDITION naming the method if one lacks a usable declaration.
  static absl::StatusOr<AccessTable> FromServices(const std::vector<const google::protobuf::ServiceDescriptor*>& services);
  // Every service candourd serves.
  static absl::StatusOr<AccessTable> ForCandour();

  // The declaration of `method` in gRPC's form "/candour.v1.Service/Method",
  // or nullptr if the method is unknown.
  const candour::v1::Access* Find(std::string_view method) const;
  const std::map<std::string, candour::v1::Access, std::less<>>& methods() const { return methods_; }

 private:
  std::map<std::string, candour::v1::Access, std::less<>> methods_;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_ACCESS_TABLE_H_
