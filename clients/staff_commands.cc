// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour account accept` and `candour admin invite|disable|staff`. Every
// command that acts as a staff member resumes the session `candour login`
// kept, or signs in for itself and signs out when done.
#include <cstdio>
#include <cstring>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/commands.h"
#include "clients/staff_session.h"
#include "core/period.h"
#include "crypto/key_file.h"

namespace candour::clients {
namespace {

using candour::v1::Grants;

constexpr char kAcceptHelp[] = R"(Usage: candour account accept --name NAME [--code-file FILE]
         [--passphrase-file FILE | --passphrase-out FILE]

Makes your staff account from the invitation code an admin gave you (asked
for without echo, or read from --code-file; never on the command line, where
other users of the machine could see it). Your
passphrase never leaves this machine. Without --passphrase-file, a passphrase
is generated and shown once. With it, the file must hold a passphrase
candour generated, such as your Guardian key's, so one passphrase opens both:
accounts that can read reports need its 100 bits.
  --passphrase-out FILE   also write the generated passphrase to FILE (0600)
)";

constexpr char kInviteHelp[] = R"(Usage: candour admin invite --account YOU --name NAME --role ROLE [--role ROLE ...]
         [--scope CHARACTERISTIC ...] [--days N] [--passphrase-file FILE]

Invites a member of staff. Roles: admin, guardian, hr, staff_network,
staff_side. A staff_network account needs --scope with the protected
characteristics it covers (age, disability, gender_reassignment,
marriage_civil_partnership, pregnancy_maternity, race, religion_belief, sex,
sexual_orientation). The code is valid N days (1 to 30, default 7); give it
to them in person or by a channel you trust.
)";

constexpr char kDisableHelp[] = R"(Usage: candour admin disable --account YOU --name NAME [--passphrase-file FILE]

Disables a staff account and ends all of its sessions at once.
)";

constexpr char kStaffHelp[] = R"(Usage: candour admin staff --account YOU [--passphrase-file FILE]

Lists staff accounts with their roles.
)";

std::string RoleName(int role) {
  const std::string& name = candour::v1::Role_Name(static_cast<candour::v1::Role>(role));
  return absl::AsciiStrToLower(absl::StripPrefix(name, "ROLE_"));
}

std::string CharacteristicName(int c) {
  const std::string& name = candour::v1::Characteristic_Name(static_cast<candour::v1::Characteristic>(c));
  return absl::AsciiStrToLower(absl::StripPrefix(name, "CHARACTERISTIC_"));
}

std::string Describe(const Grants& grants) {
  std::vector<std::string> roles;
  for (int role : grants.roles()) roles.push_back(RoleName(role));
  std::string out = absl::StrJoin(roles, ", ");
  if (!grants.network_scope().empty()) {
    std::vector<std::string> scope;
    for (int c : grants.network_scope()) scope.push_back(CharacteristicName(c));
    absl::StrAppend(&out, " (", absl::StrJoin(scope, ", "), ")");
  }
  return out;
}

absl::StatusOr<Grants> ParseGrants(const Args& args) {
  std::set<int> roles, scope;
  for (const std::string& text : args.GetAll("role")) {
    candour::v1::Role role;
    if (!candour::v1::Role_Parse("ROLE_" + absl::AsciiStrToUpper(text), &role) || role == candour::v1::ROLE_UNSPECIFIED) {
      return WithHint(absl::InvalidArgumentError(absl::StrCat("unknown role '", text, "'")),
                      "roles are admin, guardian, hr, staff_network, staff_side");
    }
    roles.insert(role);
  }
  for (const std::string& text : args.GetAll("scope")) {
    candour::v1::Characteristic c;
    if (!candour::v1::Characteristic_Parse("CHARACTERISTIC_" + absl::AsciiStrToUpper(text), &c) ||
        c == candour::v1::CHARACTERISTIC_UNSPECIFIED || c == candour::v1::CHARACTERISTIC_NONE_OR_NOT_SURE) {
      return WithHint(absl::InvalidArgumentError(absl::StrCat("unknown characteristic '", text, "'")),
                      "see candour admin invite --help");
    }
    scope.insert(c);
  }
  if (roles.empty()) return WithHint(absl::InvalidArgumentError("--role is required"), "see candour admin invite --help");
  Grants grants;
  for (int role : roles) grants.add_roles(static_cast<candour::v1::Role>(role));
  for (int c : scope) grants.add_network_scope(static_cast<candour::v1::Characteristic>(c));
  return grants;
}

}  // namespace

absl::Status AsStaff(const Args& args, const GlobalOptions& globals, const StaffAction& fn) {
  if (!args.Has("account")) {
    return WithHint(absl::InvalidArgumentError("--account is required"), "your staff account name");
  }
  auto channel = MakeChannel(globals.channel);
  if (!channel.ok()) return channel.status();
  auto signed_in = SavedSession(*channel, globals, args.Get("account"));
  if (!signed_in.ok()) return signed_in.status();
  if (!signed_in->has_value()) {
    auto passphrase = ReadPassphrase(args, "Passphrase for your staff account");
    if (!passphrase.ok()) return passphrase.status();
    AuthClient auth(*channel, globals.channel.deadline);
    auto fresh = SignInStaff(auth, args.Get("account"), passphrase->view());
    if (!fresh.ok()) return WithHint(fresh.status(), "check the account name and passphrase");
    signed_in->emplace(*std::move(fresh));
  }
  const SignedIn& staff = **signed_in;
  // Every staff command first checks that the server's audit log extends
  // the one this client saw; a command on a rewritten log is refused.
  absl::Status result = CheckAuditTrail(*channel, globals, staff);
  if (result.ok()) result = fn(*channel, staff);
  if (staff.saved) return result;  // `candour logout` ends it
  AuthClient session(*channel, globals.channel.deadline, staff.token.get());
  absl::Status ended = session.SignOut();
  if (result.ok() && !ended.ok()) return WithHint(ended, "the session could not be ended; it expires by itself");
  return result;
}

absl::Status RunAccountAccept(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"name", "code-file", "passphrase-file", "passphrase-out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kAcceptHelp, stdout), absl::OkStatus();
  if (!args->Has("name")) {
    return WithHint(absl::InvalidArgumentError("--name is required"), "it comes with your invitation");
  }
  auto code = ReadSecret(*args, "code-file", "Invitation code");
  if (!code.ok()) return code.status();
  crypto::SecretBytes passphrase;
  const bool generated = !args->Has("passphrase-file");
  if (generated) {
    passphrase = crypto::GeneratePassphrase();
  } else {
    auto read = ReadPassphrase(*args, "Passphrase");
    if (!read.ok()) return read.status();
    if (!crypto::IsGeneratedPassphrase(read->view())) {
      return WithHint(absl::InvalidArgumentError("that passphrase was not generated by candour"),
                      "leave out --passphrase-file to have one generated, or use your Guardian key's");
    }
    passphrase = *std::move(read);
  }
  if (args->Has("passphrase-out")) {
    // No newline: reading it back ignores one, and this way no copy of the passphrase is made.
    if (auto s = WriteNewFile(args->Get("passphrase-out"), absl::string_view(passphrase.view().data(), passphrase.size()), false); !s.ok()) return s;
  }
  auto channel = MakeChannel(globals.channel);
  if (!channel.ok()) return channel.status();
  AuthClient auth(*channel, globals.channel.deadline);
  auto grants = AcceptStaffInvitation(auth, code->view(), args->Get("name"), passphrase.view(), "");
  if (!grants.ok()) return WithHint(grants.status(), "check the code and the name it was made for");
  std::printf("Account %s made: %s.\n", absl::AsciiStrToLower(args->Get("name")).c_str(), Describe(*grants).c_str());
  if (generated) {
    std::printf("\nPassphrase (shown once; write it down):\n\n    %.*s\n\n", static_cast<int>(passphrase.size()),
                passphrase.view().data());
  }
  return absl::OkStatus();
}

absl::Status RunAdminInvite(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "name", "role", "scope", "days", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kInviteHelp, stdout), absl::OkStatus();
  if (!args->Has("name")) return WithHint(absl::InvalidArgumentError("--name is required"), "the new account's name");
  auto grants = ParseGrants(*args);
  if (!grants.ok()) return grants.status();
  int days = 7;
  if (args->Has("days") && !absl::SimpleAtoi(args->Get("days"), &days)) {
    return absl::InvalidArgumentError("--days must be a number");
  }
  return AsStaff(*args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& session) {
    AdminClient admin(channel, globals.channel.deadline, session.token.get());
    candour::v1::InviteStaffRequest request;
    request.set_name(args->Get("name"));
    *request.mutable_grants() = *grants;
    request.set_valid_days(days);
    auto invitation = admin.InviteStaff(request);
    if (!invitation.ok()) return WithHint(invitation.status(), "see candour admin invite --help");
    std::printf("Invitation for %s (%s), valid until %s:\n\n    %s\n\nThey run: candour account accept --name %s "
                "(and type the code when asked)\n",
                absl::AsciiStrToLower(args->Get("name")).c_str(), Describe(*grants).c_str(),
                core::FormatDay(invitation->expires_day()).c_str(), invitation->invitation_code().c_str(),
                absl::AsciiStrToLower(args->Get("name")).c_str());
    return absl::OkStatus();
  });
}

absl::Status RunAdminDisable(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "name", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kDisableHelp, stdout), absl::OkStatus();
  if (!args->Has("name")) return WithHint(absl::InvalidArgumentError("--name is required"), "the account to disable");
  return AsStaff(*args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& session) {
    AdminClient admin(channel, globals.channel.deadline, session.token.get());
    if (auto s = admin.DisableStaff(args->Get("name")); !s.ok()) return s;
    std::printf("Disabled %s; its sessions have ended.\n", absl::AsciiStrToLower(args->Get("name")).c_str());
    return absl::OkStatus();
  });
}

absl::Status RunAdminStaff(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kStaffHelp, stdout), absl::OkStatus();
  return AsStaff(*args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& session) {
    AdminClient admin(channel, globals.channel.deadline, session.token.get());
    auto staff = admin.ListStaff();
    if (!staff.ok()) return staff.status();
    for (const candour::v1::StaffMember& member : staff->staff()) {
      std::printf("%-24s %-40s since %s%s\n", member.name().c_str(), Describe(member.grants()).c_str(),
                  core::FormatDay(member.created_day()).c_str(), member.disabled() ? "  (disabled)" : "");
    }
    return absl::OkStatus();
  });
}

}  // namespace candour::clients
