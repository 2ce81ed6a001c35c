// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour guardian keygen | aggregation-key | decrypt`: the Guardian's key
// work, all on the Guardian's own machine. Private keys exist in clear only
// in memory, after the passphrase unwraps them.
#include <google/protobuf/text_format.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/commands.h"
#include "clients/case_thread.h"
#include "clients/guardian_case.h"
#include "clients/staff_session.h"
#include "crypto/thread_entry.h"
#include "clients/report_form.h"
#include "crypto/access_proof.h"
#include "crypto/bytes.h"
#include "crypto/envelope.h"
#include "crypto/key_file.h"
#include "crypto/sealed_tag.h"
#include "crypto/wipe_message.h"

namespace candour::clients {
namespace {

constexpr char kKeygenHelp[] = R"(Usage: candour guardian keygen --name NAME --out DIR [--role guardian|recovery]

Makes a recipient's X25519 and Ed25519 key pairs. Writes DIR/<name>.key (the
private keys, encrypted under a generated passphrase, mode 0600) and
DIR/<name>.pub (the public keys, to add to the directory). The passphrase is
printed once: write it down and keep it apart from the key file.
  --passphrase-out FILE   also write the passphrase to FILE (0600), for scripts
)";

constexpr char kAggregationHelp[] = R"(Usage: candour guardian aggregation-key --recipients FILE.pub [...] --out FILE

Makes the organisation's aggregation key pair on this machine and seals the
private half to every guardian listed (their .pub files). Writes a directory
fragment (public key and sealed records) for `candour admin directory sign --include`.
)";

constexpr char kDecryptHelp[] = R"(Usage: candour cases show REPORT_ID --account NAME --key FILE [--passphrase-file FILE]
   (or: candour guardian decrypt ...)

Signs in as your Guardian account, fetches a report, checks it against the
signed directory it was made under, and decrypts it on this machine with your
key; then shows its thread with the reporter, every entry verified. Also opens
its aggregation tag and checks that the tag agrees with the report. One passphrase serves both when your account was made with your key's
(candour account accept --passphrase-file); otherwise you are asked for each.
Every command that opens a case remembers its newest entry (in case-heads,
beside the state file) and refuses a thread that no longer holds it.
)";

constexpr char kReplyHelp[] = R"(Usage: candour cases reply REPORT_ID --account NAME --key FILE --message-file FILE
         [--passphrase-file FILE]

Shows the case as `cases show` does and, if its whole thread verifies, sends
the text of FILE to the reporter, encrypted and signed with your key. The
reporter reads it with their receipt code (candour followup).
)";

absl::StatusOr<candour::v1::Directory> ReadFragments(const std::vector<std::string>& paths) {
  candour::v1::Directory merged;
  for (const auto& path : paths) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    candour::v1::Directory part;
    if (!google::protobuf::TextFormat::ParseFromString(*text, &part)) {
      return WithHint(absl::InvalidArgumentError(absl::StrCat(path, " is not a directory fragment")),
                      "give the .pub files written by `candour guardian keygen`");
    }
    merged.MergeFrom(part);
  }
  return merged;
}

}  // namespace

absl::Status RunGuardianKeygen(const Argv& argv, const GlobalOptions&) {
  auto args = Args::Parse(argv, {"name", "out", "role", "passphrase-out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kKeygenHelp, stdout), absl::OkStatus();
  std::string name = args->Get("name");
  if (name.empty() || name.size() > 200) {
    return WithHint(absl::InvalidArgumentError("--name is required (1 to 200 characters)"),
                    "the name reporters will see, like \"Sam Okafor, FTSU Guardian\"");
  }
  auto role = candour::v1::RECIPIENT_ROLE_GUARDIAN;
  if (args->Get("role", "guardian") == "recovery") role = candour::v1::RECIPIENT_ROLE_RECOVERY;
  else if (args->Get("role", "guardian") != "guardian") {
    return WithHint(absl::InvalidArgumentError("--role must be guardian or recovery"), "leave it out for a Guardian");
  }
  std::string dir = args->Get("out", ".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  crypto::RecipientKeys keys = crypto::NewRecipientKeys();
  crypto::SecretBytes passphrase = crypto::GeneratePassphrase();
  auto wrapped = crypto::WrapRecipientKeys(keys, absl::StrCat("candour recipient key: ", name), passphrase.view(),
                                           crypto::ModerateKdf());
  if (!wrapped.ok()) return wrapped.status();
  std::string base = absl::StrCat(dir, "/", Slug(name, "guardian"));
  // The passphrase file first: a key whose passphrase was never written down
  // or shown would be lost the moment it exists.
  if (args->Has("passphrase-out")) {
    if (auto s = WriteNewFile(args->Get("passphrase-out"), absl::string_view(passphrase.view().data(), passphrase.size()), false); !s.ok()) return s;
  }
  if (auto s = WriteNewFile(base + ".key", *wrapped, false); !s.ok()) return s;
  candour::v1::Directory fragment;
  auto* r = fragment.add_recipients();
  r->set_key_id(keys.key_id);
  r->set_display_name(name);
  r->set_role(role);
  r->set_x25519_public_key(keys.box.public_key);
  r->set_ed25519_public_key(keys.sign.public_key);
  if (auto s = WriteNewFile(base + ".pub", FragmentText(fragment, absl::StrCat("Candour recipient: ", name)), true); !s.ok()) {
    return s;
  }
  std::printf("Wrote %s.key (private, encrypted) and %s.pub (public).\nKey id: %s\n\n"
              "Passphrase (shown once; write it down and keep it apart from the key file):\n\n    %.*s\n\n",
              base.c_str(), base.c_str(), crypto::HexEncode(keys.key_id).c_str(), static_cast<int>(passphrase.size()),
              passphrase.view().data());
  return absl::OkStatus();
}

absl::Status RunGuardianAggregationKey(const Argv& argv, const GlobalOptions&) {
  auto args = Args::Parse(argv, {"recipients", "out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kAggregationHelp, stdout), absl::OkStatus();
  auto recipients = ReadFragments(args->GetAll("recipients"));
  if (!recipients.ok()) return recipients.status();
  if (recipients->recipients_size() == 0 || !args->Has("out")) {
    return WithHint(absl::InvalidArgumentError("--recipients and --out are required"),
                    "pass every guardian's .pub file with --recipients");
  }
  crypto::X25519KeyPair aggregation = crypto::NewX25519KeyPair();
  candour::v1::Directory fragment;
  fragment.set_aggregation_public_key(aggregation.public_key);
  for (const auto& r : recipients->recipients()) {
    if (r.key_id() != crypto::RecipientKeyId(r.x25519_public_key(), r.ed25519_public_key())) {
      return WithHint(absl::InvalidArgumentError("a recipient's key id does not match its public keys"),
                      "a .pub file was altered: get it again from its owner");
    }
    auto sealed = crypto::SealTo(r.x25519_public_key(), aggregation.secret_key.span());
    if (!sealed.ok()) return sealed.status();
    auto* rec = fragment.add_aggregation_key_records();
    rec->set_recipient_key_id(r.key_id());
    rec->set_sealed_secret_key(*sealed);
  }
  if (auto s = WriteNewFile(args->Get("out"), FragmentText(fragment, "Candour aggregation key, sealed to each recipient"),
                            true); !s.ok()) {
    return s;
  }
  std::printf("Wrote %s: the aggregation public key, sealed to %d recipients.\n", args->Get("out").c_str(),
              recipients->recipients_size());
  return absl::OkStatus();
}

namespace {

// `guardian decrypt`, `cases show` and `cases reply`: one path, so a reply is
// only ever written after the report and its whole thread have verified.
absl::Status RunGuardianCase(const Argv& argv, const GlobalOptions& globals, bool replying) {
  auto args = Args::Parse(argv, {"account", "key", "passphrase-file", "message-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(replying ? kReplyHelp : kDecryptHelp, stdout), absl::OkStatus();
  std::unique_ptr<crypto::SecretBytes> reply;
  if (replying) {
    if (!args->Has("message-file")) {
      return WithHint(absl::InvalidArgumentError("--message-file is required"), "write your reply in a file first");
    }
    auto text = ReadFile(args->Get("message-file"));
    if (!text.ok()) return text.status();
    reply = std::make_unique<crypto::SecretBytes>(crypto::SecretBytes::CopyOf(*text));
    crypto::WipeString(*text);
  }
  auto report_id = ReportIdArgument(*args, replying ? "candour cases reply" : "candour cases show");
  if (!report_id.ok()) return report_id.status();
  auto guardian = GuardianSession::Start(*args, globals);
  if (!guardian.ok()) return guardian.status();
  auto opened = OpenCase(**guardian, *report_id);
  if (!opened.ok()) return opened.status();
  std::string shown = RenderCase(*opened, (*guardian)->keys());
  std::fputs(shown.c_str(), stdout);
  crypto::WipeString(shown);
  if (!opened->thread.problem.ok()) return WithHint(opened->thread.problem, "do not reply until this is understood");
  if (reply == nullptr) return absl::OkStatus();

  candour::v1::EntryContent content;
  content.set_text(std::string(reply->view()));
  auto entry = SealNext(*opened, (*guardian)->keys(), candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE, content);
  crypto::WipeMessage(content);
  if (!entry.ok()) return entry.status();
  auto sent = (*guardian)->casework().Reply(*entry);
  if (!sent.ok()) return WithHint(sent.status(), "run the command again to see the thread as it is now");
  std::printf("Reply sent as entry %u. The reporter sees it when they next use their receipt code.\n",
              sent->sequence());
  return RememberWritten(*opened, *entry);
}

}  // namespace

absl::Status RunGuardianDecrypt(const Argv& argv, const GlobalOptions& globals) {
  return RunGuardianCase(argv, globals, false);
}

absl::Status RunCasesReply(const Argv& argv, const GlobalOptions& globals) {
  return RunGuardianCase(argv, globals, true);
}

}  // namespace candour::clients
