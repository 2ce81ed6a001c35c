// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/candourd_commands.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "core/period.h"
#include "crypto/bytes.h"
#include "crypto/sodium.h"
#include "services/audit_trail.h"
#include "services/audit_verify.h"
#include "services/config.h"
#include "services/staff_admin_service.h"
#include "storage/rocksdb_report_store.h"

namespace candour::services {
namespace {

constexpr char kBootstrapUsage[] = R"(Usage: candourd admin bootstrap --name NAME [--config FILE] [--data_dir DIR]

Makes a one-time invitation for the first admin account, directly in the data
dir (stop candourd first: only one process may open it). Refused once an
admin account exists. The code is valid for 7 days; then run
  candour account accept --name NAME   (and type the code when asked)
against the running server.
)";

constexpr char kVerifyUsage[] = R"(Usage: candourd audit verify [--data-dir DIR] [--checkpoint FILE] [--config FILE]
                             [--organisation_key HEX]

Walks the audit log in DIR (default: the config's data_dir) from entry 1 and
names the first entry that was changed, removed, reordered, or cut from the
end after a checkpoint. Every checkpoint stored with the log, and FILE (one
written by `candour admin audit checkpoint`), must be signed by an admin key
of a directory the organisation key signed. Opens the database read-only:
run it on a copy, or beside a running candourd. Exit status 0 if the log is
intact, 1 if it is not (or cannot be read), 2 for a usage error.
)";

}  // namespace

// `candourd admin bootstrap`: the one way to make the first admin, and only on
// the server's own host, because whoever holds that invitation holds the
// organisation's accounts.
int RunAdminBootstrap(std::vector<std::string> args) {
  std::string name;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kBootstrapUsage, stdout);
      return 0;
    }
    if (args[i] == "--name" && i + 1 < args.size()) {
      name = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      break;
    }
  }
  if (name.empty()) {
    std::fprintf(stderr, "candourd: error: --name is required\ncandourd: hint: see candourd admin bootstrap --help\n");
    return 2;
  }
  if (auto s = crypto::InitSodium(); !s.ok()) return 1;
  auto config = ParseServerConfig(args);
  if (!config.ok()) {
    std::fprintf(stderr, "candourd: error: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  auto store = storage::RocksDbReportStore::Open(config->data_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "candourd: error: opening %s: %s\ncandourd: hint: stop candourd first\n",
                 config->data_dir.c_str(), std::string(store.status().message()).c_str());
    return 1;
  }
  auto audit = AuditTrail::Load(store->get(), [] { return static_cast<int64_t>(std::time(nullptr)); });
  if (!audit.ok()) {
    std::fprintf(stderr, "candourd: error: %s\ncandourd: hint: run candourd audit verify\n",
                 std::string(audit.status().message()).c_str());
    return 1;
  }
  StaffAdminService staff(store->get(), audit->get(), core::TodayInLondon);
  auto invitation = staff.Bootstrap(name);
  if (!invitation.ok()) {
    std::fprintf(stderr, "candourd: error: %s\n", std::string(invitation.status().message()).c_str());
    return 1;
  }
  std::printf(
      "Invitation for the first admin, valid until %s (shown once):\n\n    %s\n\n"
      "With candourd running, make the account:\n"
      "    candour account accept --name %s   (then type the code)\n",
      core::FormatDay(invitation->expires_day()).c_str(), invitation->invitation_code().c_str(),
      absl::AsciiStrToLower(name).c_str());
  return 0;
}

// `candourd audit verify`: on the data dir, not over gRPC, because the point
// is to check what is stored without trusting the server that stored it.
int RunAuditVerify(std::vector<std::string> args) {
  std::string checkpoint_file;
  for (size_t i = 0; i < args.size();) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kVerifyUsage, stdout);
      return 0;
    }
    if (args[i] == "--checkpoint" && i + 1 < args.size()) {
      checkpoint_file = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    } else {
      ++i;
    }
  }
  auto usage = [](const std::string& message) {
    std::fprintf(stderr, "candourd: error: %s\ncandourd: hint: see candourd audit verify --help\n", message.c_str());
    return 2;
  };
  auto config = ParseServerConfig(args);
  if (!config.ok()) return usage(std::string(config.status().message()));
  auto organisation_key = crypto::HexDecode(config->organisation_key);
  if (!organisation_key.ok() || organisation_key->size() != 32) {
    return usage("organisation_key must be the organisation's public key as 64 hex digits (or give --config)");
  }
  std::optional<candour::v1::AuditCheckpoint> checkpoint;
  if (!checkpoint_file.empty()) {
    std::ifstream in(checkpoint_file, std::ios::binary);
    std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto parsed = ParseCheckpointFile(contents);
    if (!in || !parsed.ok()) return usage("--checkpoint is not a readable checkpoint file");
    checkpoint = *std::move(parsed);
  }
  if (auto s = crypto::InitSodium(); !s.ok()) return 1;
  auto store = storage::RocksDbReportStore::OpenReadOnly(config->data_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "candourd: error: opening %s: %s\n", config->data_dir.c_str(),
                 std::string(store.status().message()).c_str());
    return 1;
  }
  auto result = VerifyAuditLog(**store, *organisation_key, checkpoint);
  if (!result.ok()) {
    std::fprintf(stderr, "candourd: error: audit log not intact: %s\n", std::string(result.status().message()).c_str());
    return 1;
  }
  std::printf("audit chain intact: %llu entries\n", static_cast<unsigned long long>(result->length));
  for (const std::string& anchor : result->anchors) std::printf("  matches %s\n", anchor.c_str());
  if (result->anchors.empty()) {
    std::printf("  no checkpoint: entries cut from the end would not show (candour admin audit checkpoint)\n");
  }
  return 0;
}

}  // namespace candour::services
