// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/server_log.h"

#include <sodium.h>

#include <cstdio>
#include <ctime>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace candour::services {
namespace {

std::mutex log_mu;

void Write(std::string_view level, std::string_view message) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(log_mu);
  std::fprintf(stderr, "%s candourd %.*s: %.*s\n", stamp, static_cast<int>(level.size()), level.data(),
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

std::string CodeName(absl::StatusCode code) {
  return absl::AsciiStrToLower(absl::StatusCodeToString(code));
}

}  // namespace

void LogInfo(std::string_view message) { Write("info", message); }
void LogWarning(std::string_view message) { Write("warning", message); }

void IntakeCounters::Record(absl::StatusCode code) {
  int i = static_cast<int>(code);
  if (i < 0 || i >= kCodes) i = static_cast<int>(absl::StatusCode::kUnknown);
  counts_[i].fetch_add(1, std::memory_order_relaxed);
}

std::string IntakeCounters::TakeSummary() {
  std::string out = "intake:";
  bool any = false;
  for (int i = 0; i < kCodes; ++i) {
    uint64_t n = counts_[i].exchange(0, std::memory_order_relaxed);
    if (n == 0) continue;
    absl::StrAppend(&out, " ", CodeName(static_cast<absl::StatusCode>(i)), "=", n);
    any = true;
  }
  if (!any) absl::StrAppend(&out, " no requests");
  return out;
}

CallLog::CallLog(std::string_view method) : method_(method), start_(std::chrono::steady_clock::now()) {}

CallLog::~CallLog() {
  // A random id rather than a counter: it correlates lines of one request
  // without ordering requests against each other.
  uint8_t id[8];
  randombytes_buf(id, sizeof id);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, id, sizeof id);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  LogInfo(absl::StrCat("request=", hex, " method=", method_, " status=", CodeName(code_),
                       " duration_ms=", absl::StrFormat("%.2f", ms)));
}

}  // namespace candour::services
