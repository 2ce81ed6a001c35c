// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour login | logout`: a staff session kept between commands in the
// kernel keyring (clients/session_keyring.h), so a day's work does not ask
// for the account passphrase at every command. Every other staff command
// resumes it (SavedSession) and leaves it signed in; without one they sign
// in and out for themselves, as before.
#include <cstdio>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "clients/commands.h"
#include "clients/session_keyring.h"
#include "core/account_name.h"
#include "crypto/staff_credentials.h"

namespace candour::clients {
namespace {

constexpr char kLoginHelp[] = R"(Usage: candour login --account NAME [--passphrase-file FILE]

Signs in once and keeps the session for the staff commands that follow, so
they do not ask for the account passphrase (a Guardian's commands still ask
for their key file's, which never leaves it unlocked). The session token is
kept in this computer's kernel keyring for your user, never on disk. It ends
with `candour logout`, when the server's idle limit passes (15 minutes
without a command, by default) or its absolute limit (12 hours), or when the
computer restarts. Another program running as your user could read it while
it lasts: on a shared account, do not log in.
)";

constexpr char kLogoutHelp[] = R"(Usage: candour logout --account NAME

Ends the session `candour login` kept: the server forgets it and this
computer's keyring drops it.
)";

std::string ClockTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%H:%M on %d %b", &local);
  return text;
}

absl::StatusOr<std::string> AccountArgument(const Args& args, const char* help) {
  if (!args.Has("account")) {
    return WithHint(absl::InvalidArgumentError("--account is required"), absl::StrCat("see ", help));
  }
  return core::NormaliseAccountName(args.Get("account"));
}

}  // namespace

absl::StatusOr<std::optional<SignedIn>> SavedSession(const std::shared_ptr<grpc::Channel>& channel,
                                                     const GlobalOptions& globals, const std::string& account) {
  absl::StatusOr<Resumed> resumed = ResumeStaff(channel, globals.channel.deadline, globals.channel.server, account);
  if (!resumed.ok()) return WithHint(resumed.status(), "`candour logout` drops a saved session");
  if (resumed->ended) {
    std::fputs("candour: note: the session `candour login` kept has ended; signing in for this command\n", stderr);
  }
  return std::move(resumed->session);
}

absl::Status RunLogin(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kLoginHelp, stdout), absl::OkStatus();
  absl::StatusOr<std::string> account = AccountArgument(*args, "candour login --help");
  if (!account.ok()) return account.status();
  auto channel = MakeChannel(globals.channel);
  if (!channel.ok()) return channel.status();
  auto passphrase = ReadPassphrase(*args, "Passphrase for your staff account");
  if (!passphrase.ok()) return passphrase.status();
  AuthClient auth(*channel, globals.channel.deadline);
  auto signed_in = SignInStaff(auth, *account, passphrase->view());
  if (!signed_in.ok()) return WithHint(signed_in.status(), "check the account name and passphrase");
  AuthClient session(*channel, globals.channel.deadline, signed_in->token.get());

  // As every staff command: no session is kept on a server whose audit log
  // does not extend the one this client saw.
  absl::Status kept = CheckAuditTrail(*channel, globals, *signed_in);
  const std::string key_name = SessionKeyName(globals.channel.server, *account);
  std::optional<SessionToken> previous;
  if (kept.ok()) {
    if (auto old = FindSession(key_name, crypto::kSessionTokenSize); old.ok()) previous.emplace(*std::move(old));
    kept = KeepSession(key_name, signed_in->token->bytes(), signed_in->expires_at - std::time(nullptr));
  }
  if (!kept.ok()) {
    static_cast<void>(session.SignOut());  // it expires by itself if this fails
    return WithHint(kept, "without a kept session, each staff command signs in for itself");
  }
  if (previous.has_value()) {
    // The session it replaces is ended on the server too, not left to expire.
    static_cast<void>(AuthClient(*channel, globals.channel.deadline, &*previous).SignOut());
  }
  std::printf("Signed in as %s until %s at the latest; `candour logout` ends it sooner.\n", account->c_str(),
              ClockTime(signed_in->expires_at).c_str());
  return absl::OkStatus();
}

absl::Status RunLogout(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kLogoutHelp, stdout), absl::OkStatus();
  absl::StatusOr<std::string> account = AccountArgument(*args, "candour logout --help");
  if (!account.ok()) return account.status();
  const std::string key_name = SessionKeyName(globals.channel.server, *account);
  absl::StatusOr<crypto::SecretBytes> token = FindSession(key_name, crypto::kSessionTokenSize);
  if (absl::IsNotFound(token.status())) {
    std::printf("No saved session for %s.\n", account->c_str());
    return absl::OkStatus();
  }
  if (!token.ok()) return token.status();
  SessionToken session(*std::move(token));
  auto channel = MakeChannel(globals.channel);
  if (!channel.ok()) return channel.status();
  absl::Status ended = AuthClient(*channel, globals.channel.deadline, &session).SignOut();
  // Dropped here whatever the server said: a session it no longer knows
  // (UNAUTHENTICATED) is over, and one it could not be told of still goes
  // at its expiry.
  if (absl::Status s = ForgetSession(key_name); !s.ok()) return s;
  if (!ended.ok() && !absl::IsUnauthenticated(ended)) {
    return WithHint(ended, "this computer has dropped the session, but the server could not be told; it expires by itself");
  }
  std::printf("Signed out %s.\n", account->c_str());
  return absl::OkStatus();
}

}  // namespace candour::clients
