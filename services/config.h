// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// candourd's configuration: one `key = value` file, overridden by
// `--key=value` / `--key value` flags of the same names. Parsing only; the
// values are checked by Validate (e.g. TLS is required off loopback).
#ifndef CANDOUR_SERVICES_CONFIG_H_
#define CANDOUR_SERVICES_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "crypto/key_file.h"

namespace candour::services {

struct ServerConfig {
  std::string listen = "127.0.0.1:7443";   // host:port; port 0 picks one
  std::string data_dir = "./var";
  std::string tls_cert;                    // PEM files; both or neither
  std::string tls_key;
  // Hex Ed25519 public key of the organisation (from `candour admin init`):
  // the only key whose directories candourd accepts.
  std::string organisation_key;
  // gRPC message limit: above the largest directory (1 MiB) with room to spare.
  int64_t max_message_bytes = 2 * 1024 * 1024;
  int64_t block_cache_mb = 64;
  int64_t write_buffer_mb = 32;
  // Intake counters log period. A line per minute would date a report on a
  // quiet day to the minute; a day is what storage keeps anyway.
  int64_t counters_interval_s = 86400;
  // gRPC sync-server thread cap. Each concurrent call holds a thread; past the
  // cap gRPC answers RESOURCE_EXHAUSTED, so it must exceed expected concurrency.
  int64_t max_threads = 512;
  // Threads kept waiting for calls when idle. gRPC's default (2) makes the
  // sync server start and end a thread for nearly every call under load; at
  // 64 clients that churn cost a fifth of the throughput (docs/PERFORMANCE.md).
  int64_t idle_threads = 64;
  // candourd's own secret (services/server_secret.h); empty means
  // "<data_dir>/candourd.secret".
  std::string secret_file;
  // Staff sessions end after this long without a call, and after this long
  // in any case.
  int64_t session_idle_minutes = 15;
  int64_t session_hours = 12;
  // The Argon2id limits of every new staff account, and the limits GetSalt
  // answers for a name with no account (so the two look the same). Within
  // crypto::AccountKdfInRange; libsodium's "moderate" by default. Changing
  // them makes accounts made before the change tell themselves apart from
  // names with no account (docs/THREAT_MODEL.md): choose them once.
  int64_t account_kdf_ops = 3;      // crypto_pwhash opslimit
  int64_t account_kdf_mem_mb = 256;  // crypto_pwhash memlimit, MiB
  // Expired sessions and invitations are deleted at start and then this often.
  int64_t sweep_interval_minutes = 10;
  std::string port_file;                   // if set, the bound port is written here
  // Case deadlines: acknowledge within this many working days (weekends and
  // England's bank holidays excluded), give feedback within this many days.
  int64_t acknowledge_working_days = 2;
  int64_t feedback_days = 30;
  // Bank holidays beyond England's rule for 2024-2028 (one-off holidays,
  // later years): "2029-01-01,2029-03-30", YYYY-MM-DD separated by commas.
  std::string bank_holidays;
};

// Reads `--config FILE` first if present, then applies the other flags.
// INVALID_ARGUMENT for an unknown key or a malformed number.
absl::StatusOr<ServerConfig> ParseServerConfig(const std::vector<std::string>& args);

// The Argon2id limits of new staff accounts, from account_kdf_*.
crypto::KdfParams AccountKdf(const ServerConfig& config);

// INVALID_ARGUMENT / FAILED_PRECONDITION if the config cannot be served:
// a non-loopback listen address without TLS, half a TLS pair, no org key.
absl::Status ValidateServerConfig(const ServerConfig& config);


}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CONFIG_H_
