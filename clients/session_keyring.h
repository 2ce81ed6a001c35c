// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Where `candour login` keeps a staff session token between commands: the
// Linux kernel's user keyring (keyrings(7)). The token stays in kernel
// memory, never on disk, and goes at `candour logout`, at the session's
// absolute expiry (a key timeout), or at reboot. Processes of the same user
// can read it, the same boundary as the user's own files or an ssh-agent;
// the server still ends an idle session after its idle timeout.
// Stateless and thread-safe (each call is one or two system calls).
#ifndef CANDOUR_CLIENTS_SESSION_KEYRING_H_
#define CANDOUR_CLIENTS_SESSION_KEYRING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::clients {

// The key's description: one saved session per server and account.
std::string SessionKeyName(std::string_view server, std::string_view account);

// Keeps `token` under `name` for `lifetime_seconds` (at least 1), replacing
// one kept before. FAILED_PRECONDITION if this system gives no kernel keyring
// (a container may block it); INTERNAL for another failure, after which
// nothing is kept.
absl::Status KeepSession(const std::string& name, const crypto::SecretBytes& token, int64_t lifetime_seconds);

// The token kept under `name`. NOT_FOUND if none, or if it expired or was
// revoked; FAILED_PRECONDITION as KeepSession; DATA_LOSS if the key is not
// a token of `token_size` bytes.
absl::StatusOr<crypto::SecretBytes> FindSession(const std::string& name, size_t token_size);

// Drops the token kept under `name`; OK if there was none.
absl::Status ForgetSession(const std::string& name);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_SESSION_KEYRING_H_
