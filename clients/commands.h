// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The CLI's commands, one function each, called by candour_main.cc with the
// arguments after `candour <noun> <verb>` and the global options. Each prints
// its own --help and returns a status with a hint on failure.
#ifndef CANDOUR_CLIENTS_COMMANDS_H_
#define CANDOUR_CLIENTS_COMMANDS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/cli.h"
#include "clients/staff_session.h"

namespace candour::clients {

using Argv = std::vector<std::string>;

// What a staff command does once signed in.
using StaffAction = std::function<absl::Status(const std::shared_ptr<grpc::Channel>&, const SignedIn&)>;
// Resumes the session `candour login` kept for --account, else signs in
// with the passphrase (--passphrase-file or asked); checks the server's audit
// log (CheckAuditTrail), runs `fn`, and signs out whatever `fn` returned,
// unless the session is a kept one.
absl::Status AsStaff(const Args& args, const GlobalOptions& globals, const StaffAction& fn);
// The session `candour login` kept for `account` on this server, checked
// with the server; empty if there is none (noting on stderr one that has
// ended). Errors as ResumeStaff's, with a hint.
absl::StatusOr<std::optional<SignedIn>> SavedSession(const std::shared_ptr<grpc::Channel>& channel,
                                                     const GlobalOptions& globals, const std::string& account);
// Checks that the server's audit log extends what this client saw last
// (clients/audit_trust.h) and remembers its head; notes what it could not
// check on stderr. DATA_LOSS with a hint if the log was cut or rewritten.
absl::Status CheckAuditTrail(const std::shared_ptr<grpc::Channel>& channel, const GlobalOptions& globals,
                             const SignedIn& session);

absl::Status RunReport(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianKeygen(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianAggregationKey(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianDecrypt(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminInit(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectorySign(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryPublish(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryRenew(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryShow(const Argv& argv, const GlobalOptions& globals);
absl::Status RunLogin(const Argv& argv, const GlobalOptions& globals);
absl::Status RunLogout(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAccountAccept(const Argv& argv, const GlobalOptions& globals);
absl::Status RunFollowUp(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesReply(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesList(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesAck(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesStatus(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesClose(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesAssign(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesNote(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesClassify(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesLink(const Argv& argv, const GlobalOptions& globals);
absl::Status RunCasesRewrap(const Argv& argv, const GlobalOptions& globals);
absl::Status RunReturn(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsPlan(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsRelease(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsBudget(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsHotspots(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsTrend(const Argv& argv, const GlobalOptions& globals);
absl::Status RunInsightsExport(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminInvite(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminDisable(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminRecipients(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminStaff(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminKeygen(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminAuditShow(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminAuditCheckpoint(const Argv& argv, const GlobalOptions& globals);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_COMMANDS_H_
