// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The CLI's commands, one function each, called by candour_main.cc with the
// arguments after `candour <noun> <verb>` and the global options. Each prints
// its own --help and returns a status with a hint on failure.
#ifndef CANDOUR_CLIENTS_COMMANDS_H_
#define CANDOUR_CLIENTS_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/cli.h"

namespace candour::clients {

using Argv = std::vector<std::string>;

absl::Status RunReport(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianKeygen(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianAggregationKey(const Argv& argv, const GlobalOptions& globals);
absl::Status RunGuardianDecrypt(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminInit(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectorySign(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryPublish(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryRenew(const Argv& argv, const GlobalOptions& globals);
absl::Status RunDirectoryShow(const Argv& argv, const GlobalOptions& globals);
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
absl::Status RunAdminInvite(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminDisable(const Argv& argv, const GlobalOptions& globals);
absl::Status RunAdminStaff(const Argv& argv, const GlobalOptions& globals);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_COMMANDS_H_
