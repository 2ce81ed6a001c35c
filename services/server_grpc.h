// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// CandourServer wires the services to a gRPC server: the access table and
// authoriser every handler goes through, credentials (TLS off
// loopback is refused by ValidateServerConfig before we get here), message
// limits, thread cap, health checks and reflection. It owns the logic objects
// and the gRPC server, not the store. Used by candourd and by in-process
// tests and benchmarks. Start/Shutdown are not thread-safe with each other.
#ifndef CANDOUR_SERVICES_SERVER_GRPC_H_
#define CANDOUR_SERVICES_SERVER_GRPC_H_

#include <grpcpp/server.h>

#include <chrono>
#include <memory>

#include "absl/status/statusor.h"
#include "services/access_table.h"
#include "services/audit_service.h"
#include "services/audit_trail.h"
#include "services/auth_service.h"
#include "services/authoriser.h"
#include "services/case_threads.h"
#include "services/case_workflow.h"
#include "services/casework_service.h"
#include "services/follow_up_service.h"
#include "services/insights_grpc.h"
#include "services/insights_service.h"
#include "services/lookup_limiter.h"
#include "services/config.h"
#include "services/directory_registry.h"
#include "services/intake_grpc.h"
#include "services/intake_service.h"
#include "services/server_log.h"
#include "services/sessions.h"
#include "services/sign_in_limiter.h"
#include "services/staff_admin_service.h"
#include "services/staff_grpc.h"
#include "storage/report_store.h"

namespace candour::services {

class CandourServer {
 public:
  // Loads the directory registry from `store` and starts listening on
  // config.listen. INVALID_ARGUMENT / FAILED_PRECONDITION for a bad config,
  // UNAVAILABLE if the address cannot be bound, storage errors as they come.
  static absl::StatusOr<std::unique_ptr<CandourServer>> Start(const ServerConfig& config,
                                                              storage::ReportStore* store);
  ~CandourServer();

  int port() const { return port_; }
  IntakeCounters& intake_counters() { return counters_; }
  const DirectoryRegistry& directories() const { return *directories_; }
  // Stops accepting calls and waits up to `grace` for calls in flight.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  CandourServer() = default;

  std::unique_ptr<AuditTrail> audit_;
  std::unique_ptr<DirectoryRegistry> directories_;
  std::unique_ptr<AccessTable> access_;
  std::unique_ptr<SessionManager> sessions_;
  std::unique_ptr<Authoriser> authoriser_;
  SignInLimiter sign_in_limiter_;
  LookupLimiter lookup_limiter_;
  std::unique_ptr<CaseWorkflow> workflow_;
  std::unique_ptr<CaseThreads> threads_;
  std::unique_ptr<FollowUpService> follow_up_;
  std::unique_ptr<IntakeService> intake_;
  std::unique_ptr<CaseworkService> casework_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<StaffAdminService> staff_admin_;
  std::unique_ptr<AuditService> audit_service_;
  std::unique_ptr<InsightsService> insights_;
  std::unique_ptr<InsightViewsService> insight_views_;
  IntakeCounters counters_;
  std::unique_ptr<IntakeGrpc> intake_grpc_;
  std::unique_ptr<AdminGrpc> admin_grpc_;
  std::unique_ptr<AuthGrpc> auth_grpc_;
  std::unique_ptr<CaseworkGrpc> casework_grpc_;
  std::unique_ptr<InsightsGrpc> insights_grpc_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SERVER_GRPC_H_
