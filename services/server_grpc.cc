// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/server_grpc.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/period.h"
#include "crypto/bytes.h"
#include "crypto/staff_credentials.h"
#include "services/server_secret.h"

namespace candour::services {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerConfig& config) {
  if (config.tls_cert.empty()) return grpc::InsecureServerCredentials();
  auto cert = ReadPem(config.tls_cert);
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(config.tls_key);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

}  // namespace

absl::StatusOr<std::unique_ptr<CandourServer>> CandourServer::Start(const ServerConfig& config,
                                                                    storage::ReportStore* store) {
  if (auto s = ValidateServerConfig(config); !s.ok()) return s;
  auto org_key = crypto::HexDecode(config.organisation_key);
  if (!org_key.ok()) return absl::InvalidArgumentError("organisation_key is not hex");
  auto credentials = Credentials(config);
  if (!credentials.ok()) return credentials.status();

  std::unique_ptr<CandourServer> server(new CandourServer());
  const auto unix_now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  auto audit = AuditTrail::Load(store, unix_now);
  if (!audit.ok()) return audit.status();
  server->audit_ = *std::move(audit);
  auto directories = DirectoryRegistry::Load(store, server->audit_.get(), *std::move(org_key));
  if (!directories.ok()) return directories.status();
  server->directories_ = *std::move(directories);
  auto access = AccessTable::ForCandour();
  if (!access.ok()) return access.status();
  server->access_ = std::make_unique<AccessTable>(*std::move(access));
  auto secret = LoadOrCreateServerSecret(config.secret_file.empty() ? config.data_dir + "/candourd.secret"
                                                                    : config.secret_file);
  if (!secret.ok()) return secret.status();
  // Built now rather than on the first unknown name, whose sign-in would
  // otherwise take longer than any other and so stand out.
  static_cast<void>(crypto::DecoyVerifier());

  SessionPolicy policy;
  policy.idle_seconds = config.session_idle_minutes * 60;
  policy.lifetime_seconds = config.session_hours * 3600;
  server->sessions_ = std::make_unique<SessionManager>(store, policy, unix_now);
  server->authoriser_ = std::make_unique<Authoriser>(server->access_.get(), server->sessions_.get());
  server->intake_ = std::make_unique<IntakeService>(store, server->directories_.get());
  server->casework_ =
      std::make_unique<CaseworkService>(store, server->directories_.get(), server->audit_.get(), unix_now);
  server->auth_ = std::make_unique<AuthService>(
      store, server->audit_.get(), server->sessions_.get(), &server->sign_in_limiter_, *std::move(secret),
      AccountKdf(config), core::TodayInLondon,
      [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); });
  server->staff_admin_ = std::make_unique<StaffAdminService>(store, server->audit_.get(), core::TodayInLondon);
  server->audit_service_ = std::make_unique<AuditService>(store, server->audit_.get(), server->directories_.get());
  server->insights_ =
      std::make_unique<InsightsService>(store, server->directories_.get(), server->audit_.get(), core::TodayInLondon);

  server->insight_views_ = std::make_unique<InsightViewsService>(store, server->audit_.get());

  const Authoriser* authoriser = server->authoriser_.get();
  absl::StatusOr<std::vector<core::Day>> extra_holidays = core::ParseHolidayList(config.bank_holidays);
  if (!extra_holidays.ok()) return extra_holidays.status();
  std::vector<core::Day> holidays = core::EnglandBankHolidays();
  holidays.insert(holidays.end(), extra_holidays->begin(), extra_holidays->end());
  server->workflow_ = std::make_unique<CaseWorkflow>(
      store,
      WorkflowPolicy{static_cast<int>(config.acknowledge_working_days), static_cast<int>(config.feedback_days),
                     core::WorkingCalendar(std::move(holidays))},
      core::TodayInLondon);
  server->threads_ = std::make_unique<CaseThreads>(store, server->directories_.get(), server->workflow_.get(),
                                                   server->audit_.get(), static_cast<size_t>(config.max_message_bytes));
  server->follow_up_ = std::make_unique<FollowUpService>(
      store, server->threads_.get(), &server->lookup_limiter_, [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
      });
  server->intake_grpc_ = std::make_unique<IntakeGrpc>(server->intake_.get(), server->follow_up_.get(), authoriser,
                                                      &server->counters_);
  server->admin_grpc_ = std::make_unique<AdminGrpc>(server->directories_.get(), server->staff_admin_.get(),
                                                    server->audit_service_.get(), authoriser);
  server->auth_grpc_ = std::make_unique<AuthGrpc>(server->auth_.get(), authoriser);
  server->casework_grpc_ = std::make_unique<CaseworkGrpc>(server->casework_.get(), server->threads_.get(),
                                                          server->audit_service_.get(), authoriser);
  server->insights_grpc_ = std::make_unique<InsightsGrpc>(server->insights_.get(), server->insight_views_.get(), authoriser);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, *credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(config.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(config.max_message_bytes));
  grpc::ResourceQuota quota("candourd");
  quota.SetMaxThreads(static_cast<int>(config.max_threads));
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              static_cast<int>(config.idle_threads));
  builder.RegisterService(server->intake_grpc_.get());
  builder.RegisterService(server->admin_grpc_.get());
  builder.RegisterService(server->auth_grpc_.get());
  builder.RegisterService(server->casework_grpc_.get());
  builder.RegisterService(server->insights_grpc_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }
  return server;
}

void CandourServer::Shutdown(std::chrono::milliseconds grace) {
  if (server_ == nullptr) return;
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  server_.reset();
}

CandourServer::~CandourServer() { Shutdown(std::chrono::milliseconds(0)); }

}  // namespace candour::services
