// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The staff side of sign-in (docs/PROTOCOL.md, "Staff accounts"): fetch the
// account's salt, run Argon2id over the passphrase on this device, send only
// the authentication key. The wrapping key stays here, for the account's
// wrapped private keys. Session tokens are never written to disk: a CLI
// command signs in, works and signs out, unless `candour login` kept a
// session in the kernel keyring (clients/session_keyring.h), which the
// command then resumes and leaves signed in.
#ifndef CANDOUR_CLIENTS_STAFF_SESSION_H_
#define CANDOUR_CLIENTS_STAFF_SESSION_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/auth.pb.h"
#include "clients/intake_client.h"
#include "clients/rpc.h"
#include "crypto/key_file.h"
#include "crypto/secret_bytes.h"

namespace candour::clients {

struct SignedIn {
  std::unique_ptr<SessionToken> token;
  candour::v1::Grants grants;
  std::string wrapped_keys;       // as stored with the account; may be empty
  crypto::SecretBytes wrap_key;   // never leaves this device
  int64_t expires_at = 0;         // Unix seconds
  bool saved = false;             // resumed from `candour login`: left signed in
};

// INVALID_ARGUMENT for a malformed name; FAILED_PRECONDITION if the server
// asks for Argon2id limits outside the accepted range (a server must not be
// able to make a client allocate gigabytes); the server's UNAUTHENTICATED
// as it comes.
absl::StatusOr<SignedIn> SignInStaff(AuthClient& auth, std::string_view name, std::string_view passphrase);

// The session `candour login` kept for `account` on `server`, checked with
// the server (WhoAmI), which also answers its grants; it has no wrapping key.
// `session` is empty if none is kept, if this system has no kernel keyring,
// or if the server has ended it (`ended`; it is then dropped from the
// keyring too): the command signs in for itself. INVALID_ARGUMENT for a
// malformed name; DATA_LOSS if the kept token is not one, or is another
// account's; otherwise the keyring's or the server's error as it comes.
struct Resumed {
  std::optional<SignedIn> session;
  bool ended = false;
};
absl::StatusOr<Resumed> ResumeStaff(const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds deadline,
                                    std::string_view server, std::string_view account);

// Makes the account an invitation is for, with the salt and Argon2id limits
// the server answers for the name (it accepts no others). Errors as
// SignInStaff's for the salt, then the server's as they come.
absl::StatusOr<candour::v1::Grants> AcceptStaffInvitation(AuthClient& auth, std::string_view invitation_code,
                                                          std::string_view name, std::string_view passphrase,
                                                          std::string_view wrapped_keys);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_STAFF_SESSION_H_
