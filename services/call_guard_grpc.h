// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The one path every gRPC handler takes: authorise the call from its method's
// declaration (services/authoriser.h), run the logic with the caller, record
// the outcome, translate the status. Handlers hold no checks of their own, so
// no handler can forget one. Staff calls are logged one line each; intake
// calls are only counted (a line per report would date it).
#ifndef CANDOUR_SERVICES_CALL_GUARD_GRPC_H_
#define CANDOUR_SERVICES_CALL_GUARD_GRPC_H_

#include <grpcpp/server_context.h>

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/authoriser.h"
#include "services/server_log.h"
#include "services/status_grpc.h"

namespace candour::services {

// The caller of `context`'s call to `method` (nullopt for anonymous RPCs).
absl::StatusOr<std::optional<Caller>> AuthoriseCall(const Authoriser& authoriser, const grpc::ServerContext& context,
                                                    std::string_view method);

// `fn(const Caller*)` returns absl::StatusOr<Response>; the caller pointer is
// null exactly for anonymous RPCs.
template <typename Response, typename Fn, typename Record>
grpc::Status GuardedCall(const Authoriser& authoriser, grpc::ServerContext* context, std::string_view method,
                         Response* response, Fn&& fn, Record&& record) {
  absl::StatusOr<std::optional<Caller>> caller = AuthoriseCall(authoriser, *context, method);
  if (!caller.ok()) {
    record(caller.status().code());
    return ToGrpcStatus(caller.status());
  }
  absl::StatusOr<Response> result = fn(caller->has_value() ? &**caller : nullptr);
  record(result.status().code());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

template <typename Response, typename Fn>
grpc::Status LoggedCall(const Authoriser& authoriser, grpc::ServerContext* context, std::string_view method,
                        Response* response, Fn&& fn) {
  CallLog log(method);
  return GuardedCall(authoriser, context, method, response, std::forward<Fn>(fn),
                     [&log](absl::StatusCode code) { log.set_status(code); });
}

// For server-streaming RPCs, which write their own messages: `fn(const
// Caller*)` returns absl::Status.
template <typename Fn>
grpc::Status LoggedStreamCall(const Authoriser& authoriser, grpc::ServerContext* context, std::string_view method,
                              Fn&& fn) {
  struct Done {};
  Done done;
  return LoggedCall(authoriser, context, method, &done, [&fn](const Caller* caller) -> absl::StatusOr<Done> {
    if (absl::Status s = fn(caller); !s.ok()) return s;
    return Done{};
  });
}

template <typename Response, typename Fn>
grpc::Status CountedCall(const Authoriser& authoriser, IntakeCounters& counters, grpc::ServerContext* context,
                         std::string_view method, Response* response, Fn&& fn) {
  return GuardedCall(authoriser, context, method, response, std::forward<Fn>(fn),
                     [&counters](absl::StatusCode code) { counters.Record(code); });
}

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CALL_GUARD_GRPC_H_
