// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The client's small state files (directory versions, audit heads and case
// heads seen): what a client remembers so the server cannot roll it back
// unseen. Stateless and thread-compatible (one CLI process writes them).
#ifndef CANDOUR_CLIENTS_STATE_FILE_H_
#define CANDOUR_CLIENTS_STATE_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace candour::clients {

// Replaces `path` with `text` durably: writes a user-only temp file, fsyncs
// it, renames it over `path` and fsyncs the folder, which it makes (user-only)
// if missing. INTERNAL if any step fails; the old file is then kept.
absl::Status ReplaceStateFile(const std::string& path, const std::string& text);

// The path of the state file `name` in the folder of `state_file` (the
// directory state, --state-file), where a client keeps its other state;
// empty if `state_file` is empty, which keeps no state.
std::string StateFileBeside(const std::string& state_file, const std::string& name);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_STATE_FILE_H_
