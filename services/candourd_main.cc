// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// candourd: wiring only. Config, sodium_init, no core dumps, the RocksDB
// store, the gRPC server, periodic aggregate counters and expiry sweeps, and
// a SIGTERM drain that closes the database cleanly. The subcommands that
// work on the data dir itself are in candourd_commands.cc.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/directory_rules.h"
#include "core/period.h"
#include "crypto/sodium.h"
#include "services/candourd_commands.h"
#include "services/config.h"
#include "services/expiry_sweep.h"
#include "services/periodic_task.h"
#include "services/server_grpc.h"
#include "services/server_log.h"
#include "storage/rocksdb_report_store.h"

namespace candour::services {
namespace {

constexpr char kUsage[] = R"(Usage: candourd [--config FILE] [--KEY VALUE ...]
       candourd admin bootstrap --name NAME [--config FILE]   (the first admin's invitation)
       candourd audit verify [--data-dir DIR] [--checkpoint FILE] [--config FILE]

Runs the Candour server. Settings (file lines `key = value`, or flags):
  listen               host:port to listen on (default 127.0.0.1:7443; TLS required off loopback)
  data_dir             RocksDB directory (default ./var)
  organisation_key     the organisation's Ed25519 public key, 64 hex digits (required)
  tls_cert, tls_key    PEM certificate chain and private key
  max_message_bytes    largest message accepted or sent (default 2097152)
  block_cache_mb       RocksDB block cache (default 64)
  write_buffer_mb      RocksDB memtable budget (default 32)
  max_threads          gRPC thread cap (default 512)
  idle_threads         threads kept waiting for calls when idle (default 64)
  counters_interval_s  how often aggregate intake counters are logged (default 86400: daily)
  secret_file          candourd's own secret (default DATA_DIR/candourd.secret)
  session_idle_minutes staff sessions end after this long idle (default 15)
  session_hours        and after this long in any case (default 12)
  account_kdf_ops, account_kdf_mem_mb
                       Argon2id limits of new staff accounts (default 3 and 256: "moderate"); set once
  sweep_interval_minutes  expired sessions and invitations are deleted at start and this often (default 10)
  port_file            write the bound port here (for port 0)
)";

void DisableCoreDumps() {
  // A core dump of a process that handled requests is a copy of memory we
  // promised not to keep.
  rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void WarnIfDirectoryExpiresSoon(const DirectoryRegistry& directories) {
  auto current = directories.Current();
  if (current == nullptr) {
    LogWarning("no directory published yet: reports cannot be accepted");
    return;
  }
  int days_left = current->directory().expiry_day() - core::TodayInLondon();
  if (days_left < 0) {
    LogWarning(absl::StrCat("directory version ", current->directory().version(),
                            " has expired: run `candour admin directory renew`"));
  } else if (days_left <= core::kDirectoryRenewalWarningDays) {
    LogWarning(absl::StrCat("directory version ", current->directory().version(), " expires in ", days_left,
                            " days: run `candour admin directory renew`"));
  }
}

// Logs counts only: a sweep's log line never names an account.
void SweepExpired(const ExpirySweep& sweep) {
  absl::StatusOr<ExpirySweep::Swept> swept = sweep.Run();
  if (!swept.ok()) {
    LogWarning(absl::StrCat("expiry sweep failed: ", swept.status().message()));
    return;
  }
  if (swept->sessions > 0 || swept->invitations > 0) {
    LogInfo(absl::StrCat("expiry sweep: deleted ", swept->sessions, " sessions and ", swept->invitations,
                         " invitations"));
  }
  if (swept->unreadable > 0) {
    LogWarning(absl::StrCat("expiry sweep: ", swept->unreadable, " staff records do not parse; left in place"));
  }
}

int Run(const std::vector<std::string>& args) {
  if (args.size() >= 2 && args[0] == "admin" && args[1] == "bootstrap") {
    return RunAdminBootstrap(std::vector<std::string>(args.begin() + 2, args.end()));
  }
  if (args.size() >= 2 && args[0] == "audit" && args[1] == "verify") {
    return RunAuditVerify(std::vector<std::string>(args.begin() + 2, args.end()));
  }
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  DisableCoreDumps();
  if (auto s = crypto::InitSodium(); !s.ok()) {
    LogWarning(std::string(s.message()));
    return 1;
  }
  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto config = ParseServerConfig(args);
  if (!config.ok()) {
    std::fprintf(stderr, "candourd: error: %s\ncandourd: hint: see candourd --help\n",
                 std::string(config.status().message()).c_str());
    return 2;
  }
  if (auto s = ValidateServerConfig(*config); !s.ok()) {
    std::fprintf(stderr, "candourd: error: %s\n", std::string(s.message()).c_str());
    return 2;
  }
  storage::RocksDbOptions db_options;
  db_options.block_cache_bytes = static_cast<size_t>(config->block_cache_mb) << 20;
  db_options.write_buffer_bytes = static_cast<size_t>(config->write_buffer_mb) << 20;
  auto store = storage::RocksDbReportStore::Open(config->data_dir, db_options);
  if (!store.ok()) {
    std::fprintf(stderr, "candourd: error: opening %s: %s\n", config->data_dir.c_str(),
                 std::string(store.status().message()).c_str());
    return 1;
  }
  auto server = CandourServer::Start(*config, store->get());
  if (!server.ok()) {
    std::fprintf(stderr, "candourd: error: %s\n", std::string(server.status().message()).c_str());
    return 1;
  }
  if (!config->port_file.empty()) std::ofstream(config->port_file) << (*server)->port() << "\n";
  LogInfo(absl::StrCat("listening on port ", (*server)->port(), config->tls_cert.empty() ? " (loopback, no TLS)" : " (TLS)"));
  WarnIfDirectoryExpiresSoon((*server)->directories());
  {
    CandourServer* running = server->get();
    PeriodicTask counters(std::chrono::seconds(config->counters_interval_s), PeriodicTask::Start::kAfterInterval,
                          [running] {
                            LogInfo(running->intake_counters().TakeSummary());
                            WarnIfDirectoryExpiresSoon(running->directories());
                          });
    const ExpirySweep sweep(
        store->get(), [] { return static_cast<int64_t>(std::time(nullptr)); }, core::TodayInLondon);
    // Declared after the sweep it runs, so it stops (and joins) first, and
    // inside this block, so it stops before the store closes.
    PeriodicTask sweeps(std::chrono::minutes(config->sweep_interval_minutes), PeriodicTask::Start::kNow,
                        [&sweep] { SweepExpired(sweep); });
    int signal = 0;
    sigwait(&stop_signals, &signal);
    LogInfo("stopping: draining calls in flight");
    (*server)->Shutdown(std::chrono::seconds(5));
  }
  LogInfo((*server)->intake_counters().TakeSummary());
  server->reset();
  store->reset();  // closes RocksDB
  LogInfo("stopped");
  return 0;
}

}  // namespace
}  // namespace candour::services

int main(int argc, char** argv) {
  return candour::services::Run(std::vector<std::string>(argv + 1, argv + argc));
}
