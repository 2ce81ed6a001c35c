// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour <noun> <verb>`: dispatch, global flags, and age-style errors.
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "clients/commands.h"
#include "crypto/sodium.h"

namespace candour::clients {
namespace {

constexpr char kHelp[] = R"(Usage: candour [--server HOST:PORT] [--pin FINGERPRINT] [--config FILE] [--tls-ca PEM] <command>

Commands:
  report                          report discrimination, harassment or bullying (encrypted here)
  followup                        come back with your receipt code: read replies, add a message
  cases list                      a Guardian: cases with status and deadlines
  cases show REPORT_ID            a Guardian: decrypt a report and its thread
  cases reply REPORT_ID           a Guardian: reply to the reporter
  cases ack REPORT_ID             a Guardian: acknowledge a new case
  cases status REPORT_ID          a Guardian: move a case on (in-progress, referred, escalated)
  cases close REPORT_ID           a Guardian: close a case with its outcome
  cases assign REPORT_ID          a Guardian: assign a case to a Guardian
  cases note REPORT_ID            a Guardian: a note for Guardians only
  cases classify REPORT_ID        a Guardian: triage for the quarterly return
  cases link REPORT_ID            a Guardian: link two cases
  cases rewrap [REPORT_ID]        a Guardian: give open cases to Guardians added since
  return --quarter 2026-27Q2      a Guardian: the FTSU quarterly return, as CSV
  insights plan                   the release holder signs a year's privacy budget plan
  insights release                the release holder releases a finished period's noisy tables
  insights budget                 a year's privacy budget: planned, spent, and what it means
  insights hotspots               a year's department hotspots, flagged against funnel limits
  insights trend                  each directorate's reports quarter by quarter, with XmR limits
  insights export                 a released period's tables as CSV, with 90% intervals
  guardian keygen                 make a Guardian's keys
  guardian aggregation-key        make the aggregation key, sealed to the Guardians
  guardian decrypt REPORT_ID      fetch and decrypt a report with your key
  admin init                      make the organisation key and a directory template
  admin directory sign SOURCE     sign a directory offline
  admin directory publish FILE    upload a signed directory
  admin directory renew           re-sign the current directory with fresh dates
  admin directory show            verify and print the directory
  account accept                  make your staff account from an invitation
  login                           sign in once for the staff commands that follow
  logout                          end the session login kept
  admin invite                    invite a member of staff (admin)
  admin disable                   disable a staff account (admin)
  admin staff                     list staff accounts (admin)
  admin recipients                who can read reports, by the current directory
  admin keygen                    make an admin's key, which signs audit checkpoints
  admin audit show                read and check the audit log (admin)
  admin audit checkpoint          sign the audit log's head with your admin key (admin)

Every staff command first checks that the server's audit log extends the one
this client saw last, and refuses to go on if it does not.

Run `candour <command> --help` for a command's flags. The config file
(default $CANDOUR_HOME/config or ~/.candour/config) holds lines like
`server = 127.0.0.1:7443` and `pin = <fingerprint>`.
)";

using Command = std::function<absl::Status(const Argv&, const GlobalOptions&)>;

const std::map<std::string, Command>& Commands() {
  static const auto* commands = new std::map<std::string, Command>{
      {"report", RunReport},
      {"guardian keygen", RunGuardianKeygen},
      {"guardian aggregation-key", RunGuardianAggregationKey},
      {"guardian decrypt", RunGuardianDecrypt},
      {"admin init", RunAdminInit},
      {"admin directory sign", RunDirectorySign},
      {"admin directory publish", RunDirectoryPublish},
      {"admin directory renew", RunDirectoryRenew},
      {"admin directory show", RunDirectoryShow},
      {"account accept", RunAccountAccept},
      {"login", RunLogin},
      {"logout", RunLogout},
      {"followup", RunFollowUp},
      {"cases show", RunGuardianDecrypt},
      {"cases reply", RunCasesReply},
      {"cases list", RunCasesList},
      {"cases ack", RunCasesAck},
      {"cases status", RunCasesStatus},
      {"cases close", RunCasesClose},
      {"cases assign", RunCasesAssign},
      {"cases note", RunCasesNote},
      {"cases classify", RunCasesClassify},
      {"cases link", RunCasesLink},
      {"cases rewrap", RunCasesRewrap},
      {"return", RunReturn},
      {"insights plan", RunInsightsPlan},
      {"insights release", RunInsightsRelease},
      {"insights budget", RunInsightsBudget},
      {"insights hotspots", RunInsightsHotspots},
      {"insights trend", RunInsightsTrend},
      {"insights export", RunInsightsExport},
      {"admin invite", RunAdminInvite},
      {"admin disable", RunAdminDisable},
      {"admin staff", RunAdminStaff},
      {"admin recipients", RunAdminRecipients},
      {"admin keygen", RunAdminKeygen},
      {"admin audit show", RunAdminAuditShow},
      {"admin audit checkpoint", RunAdminAuditCheckpoint},
  };
  return *commands;
}

// A server's error text reaches the reporter's terminal: strip control
// characters so it cannot move the cursor or fake other output.
std::string Printable(absl::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  return out;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "candour: error: %s\n", Printable(status.message()).c_str());
  std::string hint = HintOf(status);
  if (!hint.empty()) std::fprintf(stderr, "candour: hint: %s\n", hint.c_str());
  return 1;
}

int Main(std::vector<std::string> argv) {
  // This process holds report plaintext and unwrapped keys: no core dumps.
  rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  if (auto s = crypto::InitSodium(); !s.ok()) return Fail(s);
  auto globals = ParseGlobalOptions(argv);
  if (!globals.ok()) return Fail(globals.status());
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    std::fputs(kHelp, stdout);
    return argv.empty() ? 2 : 0;
  }
  // Longest command prefix wins: "admin directory sign" before "admin".
  for (size_t words = std::min<size_t>(3, argv.size()); words > 0; --words) {
    std::string name;
    for (size_t i = 0; i < words; ++i) name += (i ? " " : "") + argv[i];
    auto it = Commands().find(name);
    if (it == Commands().end()) continue;
    Argv rest(argv.begin() + static_cast<long>(words), argv.end());
    absl::Status status = it->second(rest, *globals);
    return status.ok() ? 0 : Fail(status);
  }
  return Fail(WithHint(absl::InvalidArgumentError("unknown command"), "run `candour --help` for the list"));
}

}  // namespace
}  // namespace candour::clients

int main(int argc, char** argv) {
  return candour::clients::Main(std::vector<std::string>(argv + 1, argv + argc));
}
