// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/config.h"

#include "core/loopback.h"
#include "crypto/staff_credentials.h"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace candour::services {
namespace {

using Setter = std::function<absl::Status(ServerConfig&, const std::string&)>;

Setter String(std::string ServerConfig::*field) {
  return [field](ServerConfig& c, const std::string& v) {
    c.*field = v;
    return absl::OkStatus();
  };
}

Setter Number(int64_t ServerConfig::*field, int64_t min, int64_t max, std::string name) {
  return [=](ServerConfig& c, const std::string& v) {
    int64_t n = 0;
    if (!absl::SimpleAtoi(v, &n) || n < min || n > max) {
      return absl::InvalidArgumentError(absl::StrCat(name, " must be a number in ", min, "..", max));
    }
    c.*field = n;
    return absl::OkStatus();
  };
}

const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"listen", String(&ServerConfig::listen)},
      {"data_dir", String(&ServerConfig::data_dir)},
      {"tls_cert", String(&ServerConfig::tls_cert)},
      {"tls_key", String(&ServerConfig::tls_key)},
      {"organisation_key", String(&ServerConfig::organisation_key)},
      {"port_file", String(&ServerConfig::port_file)},
      {"secret_file", String(&ServerConfig::secret_file)},
      {"session_idle_minutes", Number(&ServerConfig::session_idle_minutes, 1, 240, "session_idle_minutes")},
      {"session_hours", Number(&ServerConfig::session_hours, 1, 24, "session_hours")},
      {"account_kdf_ops", Number(&ServerConfig::account_kdf_ops, 2, 64, "account_kdf_ops")},
      {"account_kdf_mem_mb", Number(&ServerConfig::account_kdf_mem_mb, 64, 4096, "account_kdf_mem_mb")},
      {"sweep_interval_minutes", Number(&ServerConfig::sweep_interval_minutes, 1, 1440, "sweep_interval_minutes")},
      {"max_message_bytes", Number(&ServerConfig::max_message_bytes, 4096, 64 << 20, "max_message_bytes")},
      {"block_cache_mb", Number(&ServerConfig::block_cache_mb, 8, 1 << 16, "block_cache_mb")},
      {"write_buffer_mb", Number(&ServerConfig::write_buffer_mb, 4, 1 << 14, "write_buffer_mb")},
      {"counters_interval_s", Number(&ServerConfig::counters_interval_s, 1, 86400, "counters_interval_s")},
      {"max_threads", Number(&ServerConfig::max_threads, 4, 4096, "max_threads")},
      {"idle_threads", Number(&ServerConfig::idle_threads, 1, 4096, "idle_threads")},
      {"acknowledge_working_days",
       Number(&ServerConfig::acknowledge_working_days, 0, 30, "acknowledge_working_days")},
      {"feedback_days", Number(&ServerConfig::feedback_days, 1, 365, "feedback_days")},
      {"bank_holidays", String(&ServerConfig::bank_holidays)},
  };
  return *setters;
}

absl::Status Set(ServerConfig& config, std::string key, const std::string& value) {
  for (char& c : key) {
    if (c == '-') c = '_';
  }
  auto it = Setters().find(key);
  if (it == Setters().end()) return absl::InvalidArgumentError(absl::StrCat("unknown setting '", key, "'"));
  return it->second(config, value);
}

absl::Status ReadFile(const std::string& path, ServerConfig& config) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read config file ", path));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    size_t eq = text.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": expected key = value"));
    }
    std::string key(absl::StripAsciiWhitespace(text.substr(0, eq)));
    std::string value(absl::StripAsciiWhitespace(text.substr(eq + 1)));
    if (auto s = Set(config, key, value); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerConfig(const std::vector<std::string>& args) {
  ServerConfig config;
  std::vector<std::pair<std::string, std::string>> flags;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (!absl::ConsumePrefix(&arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", arg, "'"));
    }
    std::string key, value;
    if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
      key = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      key = std::string(arg);
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--", arg, " needs a value"));
    }
    if (key == "config") {
      if (auto s = ReadFile(value, config); !s.ok()) return s;
    } else {
      flags.emplace_back(key, value);
    }
  }
  for (const auto& [key, value] : flags) {
    if (auto s = Set(config, key, value); !s.ok()) return s;
  }
  return config;
}

crypto::KdfParams AccountKdf(const ServerConfig& config) {
  return {static_cast<uint64_t>(config.account_kdf_ops), static_cast<uint64_t>(config.account_kdf_mem_mb) << 20};
}

absl::Status ValidateServerConfig(const ServerConfig& config) {
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return absl::InvalidArgumentError("tls_cert and tls_key must be given together");
  }
  if (config.tls_cert.empty() && !core::IsLoopbackAddress(config.listen)) {
    return absl::FailedPreconditionError(
        absl::StrCat("refusing to listen on ", config.listen, " without TLS; set tls_cert and tls_key"));
  }
  if (config.organisation_key.size() != 64) {
    return absl::InvalidArgumentError("organisation_key must be the organisation's public key as 64 hex digits");
  }
  if (config.data_dir.empty()) return absl::InvalidArgumentError("data_dir is empty");
  if (config.idle_threads > config.max_threads) {
    return absl::InvalidArgumentError("idle_threads must not be above max_threads");
  }
  // The parser checks each number alone; the accepted range is crypto's.
  if (!crypto::AccountKdfInRange(AccountKdf(config))) {
    return absl::InvalidArgumentError("account_kdf_ops must be 2..64 and account_kdf_mem_mb 64..4096");
  }
  return absl::OkStatus();
}

}  // namespace candour::services
