// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// candourd's subcommands that work on the data dir itself rather than serve:
// making the first admin, and verifying the audit log. Each takes the
// arguments after its two words, prints its own --help and errors, and
// returns the process exit status. Not thread-safe (one per process).
#ifndef CANDOUR_SERVICES_CANDOURD_COMMANDS_H_
#define CANDOUR_SERVICES_CANDOURD_COMMANDS_H_

#include <string>
#include <vector>

namespace candour::services {

// `candourd admin bootstrap --name NAME [--config FILE]`.
int RunAdminBootstrap(std::vector<std::string> args);

// `candourd audit verify [--data-dir DIR] [--checkpoint FILE] [--config FILE]`:
// 0 if the log is intact, 1 if not or unreadable, 2 for a usage error.
int RunAuditVerify(std::vector<std::string> args);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_CANDOURD_COMMANDS_H_
