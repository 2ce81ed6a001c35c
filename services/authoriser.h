// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one place an RPC is authorised: the method's declaration from the
// AccessTable, the session behind the "authorization" metadata, and the
// caller's roles. Every handler goes through it (services/call_guard_grpc.h).
// Thread-safe.
#ifndef CANDOUR_SERVICES_AUTHORISER_H_
#define CANDOUR_SERVICES_AUTHORISER_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/access_table.h"
#include "services/sessions.h"

namespace candour::services {

// The metadata key and scheme: "authorization: Bearer <64 hex digits>".
inline constexpr std::string_view kAuthorizationMetadata = "authorization";
inline constexpr std::string_view kBearerPrefix = "Bearer ";

class Authoriser {
 public:
  Authoriser(const AccessTable* table, const SessionManager* sessions) : table_(table), sessions_(sessions) {}

  // For an anonymous RPC: nullopt, whatever metadata came (a reporter's call
  // never depends on a session). Otherwise the caller, or
  //   UNAUTHENTICATED: no, malformed, unknown or expired token;
  //   PERMISSION_DENIED: the caller holds none of the method's roles;
  //   INTERNAL: a method the table does not know (a handler wired wrongly).
  // `authorization` is the metadata value, empty if absent.
  absl::StatusOr<std::optional<Caller>> Authorise(std::string_view method, std::string_view authorization) const;

 private:
  const AccessTable* const table_;        // not owned
  const SessionManager* const sessions_;  // not owned
};

// True if `grants` hold any role `access` allows.
bool HoldsAllowedRole(const candour::v1::Access& access, const candour::v1::Grants& grants);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_AUTHORISER_H_
