// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour admin keygen` and `candour admin audit show|checkpoint`, and the
// audit-head check every staff command makes (CheckAuditTrail). The client
// checks the chain itself from the entries' stored bytes: the server is what
// the log holds to account, so nothing it says about the log is taken on trust.
#include <google/protobuf/text_format.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/audit_trust.h"
#include "clients/commands.h"
#include "clients/state_file.h"
#include "crypto/audit_chain.h"
#include "crypto/bytes.h"
#include "crypto/key_file.h"

namespace candour::clients {
namespace {

constexpr uint32_t kPage = 1000;

constexpr char kKeygenHelp[] = R"(Usage: candour admin keygen --name NAME --out DIR [--passphrase-out FILE]

Makes an administrator's Ed25519 signing key, which signs audit checkpoints.
Writes DIR/<name>.key (the private key, encrypted under a generated
passphrase, mode 0600) and DIR/<name>.pub (a directory fragment listing the
key under `admins`). Whoever holds the organisation key signs it into the
directory:  candour admin directory sign ... --include DIR/<name>.pub
The passphrase is printed once; you may use it for your staff account too
(candour account accept --passphrase-file), so one passphrase opens both.
  --passphrase-out FILE   also write the passphrase to FILE (0600), for scripts
)";

constexpr char kShowHelp[] = R"(Usage: candour admin audit show --account YOU [--from N] [--passphrase-file FILE]

Reads the whole audit log (admins only; the read is itself logged), checks
every entry's place in the hash chain and that the chain passes through the
head this client saw last, and prints the entries from N (default 1): when
(UTC, to the minute), who, what, and the case or account acted on. A log
that was changed, cut or reordered is an error, naming the entry.
)";

constexpr char kCheckpointHelp[] = R"(Usage: candour admin audit checkpoint --account YOU --key ADMIN.key [--out FILE]
         [--passphrase-file FILE] [--key-passphrase-file FILE]

Reads and checks the whole audit log as `audit show` does, then signs its
head with your admin key (from `candour admin keygen`, listed in the signed
directory) and stores the checkpoint on the server. Also writes it to FILE
(default audit-checkpoint-<length>.txtpb): keep that copy off the server.
`candourd audit verify --checkpoint FILE` finds any entry up to it that is
later changed, removed, reordered or cut. Needs the organisation pin.
  --key-passphrase-file FILE   the key's passphrase, if not your account's
)";

// Server-held text on the terminal: no control characters.
std::string Printable(absl::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  return out;
}

std::string ActionName(candour::v1::AuditAction action) {
  if (!candour::v1::AuditAction_IsValid(action)) return absl::StrCat("action-", static_cast<int>(action));
  std::string name = absl::AsciiStrToLower(absl::StripPrefix(candour::v1::AuditAction_Name(action), "AUDIT_ACTION_"));
  for (char& c : name) c = c == '_' ? '-' : c;
  return name;
}

std::string Minute(int64_t unix_seconds) {
  char text[32] = "?";
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  if (gmtime_r(&t, &utc) != nullptr) std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M", &utc);
  return text;
}

AuditTrust TrustFor(const GlobalOptions& globals) {
  return AuditTrust(StateFileBeside(globals.state_file, "audit-heads"), globals.channel.server);
}

struct CheckedLog {
  std::vector<candour::v1::AuditRecord> records;
  uint64_t remembered = 0;  // the length of the head this client saw before
  uint64_t length = 0;      // and now, checked
  std::string head;
};

// The whole log, read page by page and checked from entry 1 against the
// head this client remembers, which then moves to the log's head. Each page
// read is itself an entry, so the log grows as it is read; reading stops at
// the first short page.
absl::StatusOr<CheckedLog> ReadCheckedLog(const std::shared_ptr<grpc::Channel>& channel, const GlobalOptions& globals,
                                          const SignedIn& session) {
  AdminClient admin(channel, globals.channel.deadline, session.token.get());
  AuditTrust trust = TrustFor(globals);
  absl::StatusOr<RememberedHead> remembered = trust.Remembered();
  if (!remembered.ok()) return remembered.status();
  crypto::AuditChainVerifier chain;
  if (remembered->length > 0) chain.ExpectHashAt(remembered->length, remembered->hash, "the head this client saw last");
  CheckedLog log;
  log.remembered = remembered->length;
  for (;;) {
    absl::StatusOr<candour::v1::ReadAuditResponse> page = admin.ReadAudit(chain.length() + 1, kPage);
    if (!page.ok()) return WithHint(page.status(), "reading the audit log needs the admin role");
    for (const candour::v1::AuditRecord& record : page->records()) {
      if (absl::Status s = chain.Add(record.sequence(), record.entry()); !s.ok()) {
        return WithHint(s, AuditTamperHint(trust.state_file()));
      }
      log.records.push_back(record);
    }
    if (page->records_size() < static_cast<int>(kPage)) break;
  }
  if (absl::Status s = chain.Finish(); !s.ok()) return WithHint(s, AuditTamperHint(trust.state_file()));
  if (absl::Status s = trust.Remember({chain.length(), chain.head(), remembered->checkpoint_length}); !s.ok()) {
    return s;
  }
  log.length = chain.length();
  log.head = chain.head();
  return log;
}

void PrintEntry(const candour::v1::AuditRecord& record) {
  absl::StatusOr<candour::v1::AuditEntry> entry = crypto::ParseAuditEntry(record.entry());
  if (!entry.ok()) return;  // ReadCheckedLog refused the log already
  std::printf("%7llu  %s  %-24s %-18s %s\n", static_cast<unsigned long long>(entry->sequence()),
              Minute(entry->at_minute()).c_str(), Printable(entry->actor()).c_str(),
              ActionName(entry->action()).c_str(), Printable(entry->object()).c_str());
}

absl::StatusOr<crypto::Ed25519KeyPair> LoadAdminKey(const Args& args) {
  auto text = ReadFile(args.Get("key"));
  if (!text.ok()) return text.status();
  // The key's own passphrase file if given, else the one the account uses
  // (an account may be made with the key's passphrase), else asked.
  auto passphrase = args.Has("key-passphrase-file")
                        ? ReadSecret(args, "key-passphrase-file", "Passphrase for your admin key")
                        : ReadPassphrase(args, "Passphrase for your admin key");
  if (!passphrase.ok()) return passphrase.status();
  auto key = crypto::UnwrapSigningKey(*text, passphrase->view());
  if (!key.ok()) return WithHint(key.status(), "check the passphrase and the key file from `candour admin keygen`");
  return key;
}

}  // namespace

absl::Status CheckAuditTrail(const std::shared_ptr<grpc::Channel>& channel, const GlobalOptions& globals,
                             const SignedIn& session) {
  AdminClient admin(channel, globals.channel.deadline, session.token.get());
  AuditTrust trust = TrustFor(globals);
  absl::StatusOr<AuditTrust::Checked> checked =
      trust.CheckHead([&](uint64_t known) { return admin.GetAuditHead(known); },
                      [&]() -> absl::StatusOr<candour::v1::Directory> {
                        absl::StatusOr<Session> pinned = Connect(globals);
                        if (!pinned.ok()) return pinned.status();
                        absl::StatusOr<crypto::VerifiedDirectory> current = FetchCurrentDirectory(*pinned);
                        if (!current.ok()) return current.status();
                        return current->directory;
                      });
  if (!checked.ok()) return checked.status();
  for (const std::string& note : checked->notes) std::fprintf(stderr, "candour: note: %s\n", note.c_str());
  return absl::OkStatus();
}

absl::Status RunAdminKeygen(const Argv& argv, const GlobalOptions&) {
  auto args = Args::Parse(argv, {"name", "out", "passphrase-out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kKeygenHelp, stdout), absl::OkStatus();
  const std::string name = args->Get("name");
  if (name.empty() || name.size() > 200) {
    return WithHint(absl::InvalidArgumentError("--name is required (1 to 200 characters)"),
                    "your name as colleagues know it, like \"Ada Jones, FTSU admin\"");
  }
  const std::string dir = args->Get("out", ".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const crypto::Ed25519KeyPair key = crypto::NewEd25519KeyPair();
  crypto::SecretBytes passphrase = crypto::GeneratePassphrase();
  auto wrapped =
      crypto::WrapSigningKey(key, absl::StrCat("candour admin key: ", name), passphrase.view(), crypto::ModerateKdf());
  if (!wrapped.ok()) return wrapped.status();
  const std::string base = absl::StrCat(dir, "/", Slug(name, "admin"));
  // The passphrase file first: a key whose passphrase was never written down
  // or shown would be lost the moment it exists.
  if (args->Has("passphrase-out")) {
    absl::string_view text(passphrase.view().data(), passphrase.size());
    if (auto s = WriteNewFile(args->Get("passphrase-out"), text, false); !s.ok()) return s;
  }
  if (auto s = WriteNewFile(base + ".key", *wrapped, false); !s.ok()) return s;
  candour::v1::Directory fragment;
  candour::v1::AdminKey* admin = fragment.add_admins();
  admin->set_key_id(crypto::SigningKeyId(key.public_key));
  admin->set_display_name(name);
  admin->set_ed25519_public_key(key.public_key);
  if (auto s = WriteNewFile(base + ".pub", FragmentText(fragment, absl::StrCat("Candour admin: ", name)), true);
      !s.ok()) {
    return s;
  }
  std::printf(
      "Wrote %s.key (private, encrypted) and %s.pub (public).\nKey id: %s\n\n"
      "Next: the organisation key's holder signs it into the directory:\n"
      "    candour admin directory sign ... --include %s.pub\n\n"
      "Passphrase (shown once; write it down and keep it apart from the key file):\n\n    %.*s\n\n",
      base.c_str(), base.c_str(), crypto::HexEncode(admin->key_id()).c_str(), base.c_str(),
      static_cast<int>(passphrase.size()), passphrase.view().data());
  return absl::OkStatus();
}

absl::Status RunAdminAuditShow(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "from", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kShowHelp, stdout), absl::OkStatus();
  uint64_t from = 1;
  if (args->Has("from") && (!absl::SimpleAtoi(args->Get("from"), &from) || from == 0)) {
    return WithHint(absl::InvalidArgumentError("--from must be a positive number"), "entries are numbered from 1");
  }
  return AsStaff(*args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& session) {
    auto log = ReadCheckedLog(channel, globals, session);
    if (!log.ok()) return log.status();
    for (const candour::v1::AuditRecord& record : log->records) {
      if (record.sequence() >= from) PrintEntry(record);
    }
    std::printf(
        "\nAudit chain intact: %llu entries, each chained to the one before, through entry %llu as this "
        "client saw it before.\n",
        static_cast<unsigned long long>(log->length), static_cast<unsigned long long>(log->remembered));
    return absl::OkStatus();
  });
}

absl::Status RunAdminAuditCheckpoint(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"account", "key", "out", "passphrase-file", "key-passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kCheckpointHelp, stdout), absl::OkStatus();
  if (!args->Has("key")) {
    return WithHint(absl::InvalidArgumentError("--key is required"), "the .key file from `candour admin keygen`");
  }
  auto pinned = Connect(globals);
  if (!pinned.ok()) return pinned.status();
  auto directory = FetchCurrentDirectory(*pinned);
  if (!directory.ok()) return directory.status();
  return AsStaff(*args, globals, [&](const std::shared_ptr<grpc::Channel>& channel, const SignedIn& session) {
    auto log = ReadCheckedLog(channel, globals, session);
    if (!log.ok()) return log.status();
    auto key = LoadAdminKey(*args);
    if (!key.ok()) return key.status();
    auto checkpoint = crypto::SignAuditCheckpoint(*key, directory->directory.organisation_id(), log->length, log->head,
                                                  std::time(nullptr));
    if (!checkpoint.ok()) return checkpoint.status();
    auto signer = crypto::VerifyAuditCheckpoint(*checkpoint, directory->directory);
    if (!signer.ok()) {
      return WithHint(signer.status(),
                      "your admin key's .pub must be in the signed directory (admin directory sign --include)");
    }
    AdminClient admin(channel, globals.channel.deadline, session.token.get());
    if (auto s = admin.AddCheckpoint(*checkpoint); !s.ok()) return WithHint(s, "the server did not store it");
    std::string text;
    google::protobuf::TextFormat::PrintToString(*checkpoint, &text);
    const std::string out = args->Get("out", absl::StrCat("audit-checkpoint-", log->length, ".txtpb"));
    if (auto s = WriteNewFile(out, text, true); !s.ok()) return s;
    if (auto s = TrustFor(globals).Remember({log->length, log->head, log->length}); !s.ok()) return s;
    std::printf(
        "Checkpoint of %llu entries signed by %s, stored on the server and written to %s.\n"
        "Keep the file off the server: candourd audit verify --checkpoint %s\n",
        static_cast<unsigned long long>(log->length), signer->c_str(), out.c_str(), out.c_str());
    return absl::OkStatus();
  });
}

}  // namespace candour::clients
