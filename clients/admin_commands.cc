// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// `candour admin init` and `candour admin directory sign|publish|renew|show`.
// The organisation key is used only here, offline: candourd never reads it.
#include <google/protobuf/text_format.h>

#include <cstdio>
#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/commands.h"
#include "core/directory_rules.h"
#include "core/period.h"
#include "crypto/bytes.h"
#include "crypto/key_file.h"

namespace candour::clients {
namespace {

using candour::v1::Directory;
using candour::v1::SignedDirectory;

constexpr char kInitHelp[] = R"(Usage: candour admin init --name ORGANISATION --out DIR

Makes the organisation's signing key (keep it offline) and a directory
template. Writes DIR/organisation.key (encrypted, 0600), DIR/organisation.pub
(a candourd config line with the public key) and DIR/directory.txtpb (edit
it: departments, then sign). Prints the fingerprint for the posters.
  --passphrase-out FILE   also write the generated passphrase to FILE (0600)
)";

constexpr char kSignHelp[] = R"(Usage: candour admin directory sign SOURCE.txtpb --key ORG.key --out FILE
         [--include FRAGMENT ...] [--days N] [--passphrase-file FILE]

Signs a directory offline. SOURCE is the edited directory.txtpb; each
--include adds a fragment (guardians' .pub files, the aggregation key file).
The issue day is today and the expiry N days later (at most 31, default 31).
With one guardian and no release_holder_key_id, that guardian holds releases.
)";

constexpr char kPublishHelp[] = R"(Usage: candour admin directory publish FILE

Uploads a signed directory to candourd, which accepts it only if it is signed
by the organisation key it was configured with and its version is higher.
)";

constexpr char kRenewHelp[] = R"(Usage: candour admin directory renew --key ORG.key [--days N] [--passphrase-file FILE]

Fetches the current directory, verifies it against your pin, and publishes it
again with the next version number and fresh dates. Do this before it expires:
clients refuse an expired directory, and candourd warns a week ahead.
)";

constexpr char kShowHelp[] = R"(Usage: candour admin directory show [--version N | --file FILE]

Fetches the directory (the current one, or version N), verifies it against
your pin, and prints it. With --file, shows a signed directory file instead.
)";

constexpr char kRecipientsHelp[] = R"(Usage: candour admin recipients

Who can read reports, and who signs for the organisation, by the current
directory (verified against your pin): each Guardian and the recovery key,
which every new report's key is sealed to; who signs insights releases; and
the admins whose keys sign audit checkpoints. To change them, sign a new
directory offline (`candour admin directory sign --include` a Guardian's
.pub fragment, or without a removed one's) and publish it; then a Guardian
runs `candour cases rewrap` so a newcomer can read the open cases.
)";

const char* const kDefaultProfessionalGroups[] = {
    "Additional professional scientific and technical", "Additional clinical services",
    "Administrative and clerical", "Allied health professionals", "Estates and ancillary",
    "Healthcare scientists", "Medical and dental", "Nursing and midwifery registered", "Students", "Other",
    "Prefer not to say"};

absl::StatusOr<crypto::Ed25519KeyPair> LoadOrganisationKey(const Args& args) {
  if (!args.Has("key")) {
    return WithHint(absl::InvalidArgumentError("--key is required"), "the organisation.key written by `candour admin init`");
  }
  auto text = ReadFile(args.Get("key"));
  if (!text.ok()) return text.status();
  auto passphrase = ReadPassphrase(args, "Passphrase for the organisation key");
  if (!passphrase.ok()) return passphrase.status();
  auto key = crypto::UnwrapSigningKey(*text, passphrase->view());
  if (!key.ok()) return WithHint(key.status(), "check the passphrase and the key file");
  return key;
}

absl::StatusOr<int> ValidityDays(const Args& args) {
  int days = core::kMaxDirectoryValidityDays;
  if (args.Has("days") && (!absl::SimpleAtoi(args.Get("days"), &days) || days < 1 || days > 31)) {
    return WithHint(absl::InvalidArgumentError("--days must be 1 to 31"), "directories last at most 31 days");
  }
  return days;
}

// Signs `directory` after setting its dates, and checks it is well formed.
absl::StatusOr<SignedDirectory> Seal(Directory directory, int days, const crypto::Ed25519KeyPair& key) {
  core::Day today = core::TodayInLondon();
  directory.set_issued_day(today);
  directory.set_expiry_day(today + days);
  if (auto s = core::ValidateDirectory(directory); !s.ok()) return WithHint(s, "fix the directory source and sign again");
  if (auto s = crypto::CheckDirectoryKeyIds(directory); !s.ok()) {
    return WithHint(s, "a .pub file was altered, or edited by hand: get it again from its owner");
  }
  std::string bytes;
  directory.SerializeToString(&bytes);
  return crypto::SignDirectory(std::move(bytes), key);
}

absl::StatusOr<uint64_t> Publish(const GlobalOptions& globals, const SignedDirectory& signed_directory) {
  auto channel = MakeChannel(globals.channel);
  if (!channel.ok()) return channel.status();
  AdminClient admin(*channel, globals.channel.deadline);
  auto version = admin.PublishDirectory(signed_directory);
  if (!version.ok()) return WithHint(version.status(), "the server keeps its current directory");
  return version;
}

void PrintRecipients(const Directory& d) {
  std::printf("\nRecipients (reports are encrypted to each):\n");
  for (const auto& r : d.recipients()) {
    std::printf("  %s  %-8s %s%s\n      x25519 %s\n", crypto::HexEncode(r.key_id()).c_str(),
                r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN ? "guardian" : "recovery", r.display_name().c_str(),
                r.key_id() == d.release_holder_key_id() ? " (signs insights releases)" : "",
                crypto::HexEncode(r.x25519_public_key()).c_str());
  }
}

void PrintDirectory(const crypto::VerifiedDirectory& v) {
  const Directory& d = v.directory;
  std::printf("%s\n  organisation id: %s\n  fingerprint:     %s\n  version %llu, issued %s, expires %s\n",
              d.organisation_name().c_str(), crypto::HexEncode(d.organisation_id()).c_str(),
              crypto::FormatFingerprint(crypto::OrganisationFingerprint(v.organisation_public_key)).c_str(),
              static_cast<unsigned long long>(d.version()), core::FormatDay(d.issued_day()).c_str(),
              core::FormatDay(d.expiry_day()).c_str());
  PrintRecipients(d);
  std::printf("\nDepartments:\n");
  for (const auto& dept : d.departments()) {
    std::printf("  %5u  %-40s %-30s headcount %u%s%s\n", dept.id(), dept.name().c_str(), dept.directorate().c_str(),
                dept.headcount(), dept.site().empty() ? "" : ", ", dept.site().c_str());
  }
  std::printf("\nAggregation key: %s (sealed to %d recipients)\n", crypto::HexEncode(d.aggregation_public_key()).c_str(),
              d.aggregation_key_records_size());
}

}  // namespace

absl::Status RunAdminInit(const Argv& argv, const GlobalOptions&) {
  auto args = Args::Parse(argv, {"name", "out", "passphrase-out"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kInitHelp, stdout), absl::OkStatus();
  std::string name = args->Get("name");
  if (name.empty() || name.size() > 200) {
    return WithHint(absl::InvalidArgumentError("--name is required"), "the organisation's name, like \"Demo NHS Trust\"");
  }
  std::string dir = args->Get("out", ".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  crypto::Ed25519KeyPair key = crypto::NewEd25519KeyPair();
  crypto::SecretBytes passphrase = crypto::GeneratePassphrase();
  auto wrapped = crypto::WrapSigningKey(key, absl::StrCat("candour organisation key: ", name), passphrase.view(),
                                        crypto::ModerateKdf());
  if (!wrapped.ok()) return wrapped.status();
  // The passphrase file first: a key whose passphrase was never written down
  // or shown would be lost the moment it exists.
  if (args->Has("passphrase-out")) {
    if (auto s = WriteNewFile(args->Get("passphrase-out"), absl::string_view(passphrase.view().data(), passphrase.size()), false); !s.ok()) return s;
  }
  if (auto s = WriteNewFile(dir + "/organisation.key", *wrapped, false); !s.ok()) return s;
  std::string fingerprint = crypto::FormatFingerprint(crypto::OrganisationFingerprint(key.public_key));
  if (auto s = WriteNewFile(dir + "/organisation.pub",
                            absl::StrCat("# ", name, ": organisation public key (a candourd config line)\n",
                                         "# fingerprint: ", fingerprint, "\norganisation_key = ",
                                         crypto::HexEncode(key.public_key), "\n"),
                            true); !s.ok()) {
    return s;
  }
  Directory directory;
  std::string org_id(16, '\0');
  randombytes_buf(org_id.data(), org_id.size());
  directory.set_organisation_id(org_id);
  directory.set_organisation_name(name);
  directory.set_version(1);
  for (const char* g : kDefaultProfessionalGroups) directory.add_professional_groups(g);
  std::string text;
  google::protobuf::TextFormat::PrintToString(directory, &text);
  absl::StrAppend(&text,
                  "# Add one block per department; ids are numbers that never change:\n"
                  "# departments { id: 1 name: \"Emergency Department\" directorate: \"Urgent care\" "
                  "headcount: 120 site: \"Main site\" }\n"
                  "# Raise version by one every time you sign a changed directory.\n");
  if (auto s = WriteNewFile(dir + "/directory.txtpb", text, true); !s.ok()) return s;
  std::printf("Organisation key made. Keep %s/organisation.key offline.\n\n"
              "Fingerprint (put it on the posters; clients pin it):\n\n    %s\n\n"
              "Passphrase (shown once):\n\n    %.*s\n\n"
              "Next: edit %s/directory.txtpb, make guardian keys, then `candour admin directory sign`.\n",
              dir.c_str(), fingerprint.c_str(), static_cast<int>(passphrase.size()), passphrase.view().data(),
              dir.c_str());
  return absl::OkStatus();
}

absl::Status RunDirectorySign(const Argv& argv, const GlobalOptions&) {
  auto args = Args::Parse(argv, {"key", "out", "include", "days", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kSignHelp, stdout), absl::OkStatus();
  if (args->positional().size() != 1 || !args->Has("out")) {
    return WithHint(absl::InvalidArgumentError("give one SOURCE file and --out"), "see candour admin directory sign --help");
  }
  Directory directory;
  std::vector<std::string> files = {args->positional()[0]};
  for (const auto& f : args->GetAll("include")) files.push_back(f);
  for (const auto& path : files) {
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    Directory part;
    if (!google::protobuf::TextFormat::ParseFromString(*text, &part)) {
      return WithHint(absl::InvalidArgumentError(absl::StrCat(path, " does not parse as a directory")),
                      "the format is protobuf text, as in the template from `candour admin init`");
    }
    directory.MergeFrom(part);
  }
  if (directory.release_holder_key_id().empty()) {
    std::vector<const candour::v1::Recipient*> guardians;
    for (const auto& r : directory.recipients()) {
      if (r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN) guardians.push_back(&r);
    }
    if (guardians.size() == 1) {
      directory.set_release_holder_key_id(guardians[0]->key_id());
      directory.set_release_public_key(guardians[0]->ed25519_public_key());
    }
  }
  auto days = ValidityDays(*args);
  if (!days.ok()) return days.status();
  auto key = LoadOrganisationKey(*args);
  if (!key.ok()) return key.status();
  auto signed_directory = Seal(std::move(directory), *days, *key);
  if (!signed_directory.ok()) return signed_directory.status();
  if (auto s = WriteNewFile(args->Get("out"), signed_directory->SerializeAsString(), true); !s.ok()) return s;
  std::printf("Signed directory written to %s.\n", args->Get("out").c_str());
  return absl::OkStatus();
}

absl::Status RunDirectoryPublish(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kPublishHelp, stdout), absl::OkStatus();
  if (args->positional().size() != 1) {
    return WithHint(absl::InvalidArgumentError("give one signed directory FILE"), "written by `candour admin directory sign`");
  }
  auto bytes = ReadFile(args->positional()[0]);
  if (!bytes.ok()) return bytes.status();
  SignedDirectory signed_directory;
  if (!signed_directory.ParseFromString(*bytes)) {
    return WithHint(absl::InvalidArgumentError("the file is not a signed directory"), "give the --out file of `sign`");
  }
  auto version = Publish(globals, signed_directory);
  if (!version.ok()) return version.status();
  std::printf("Published directory version %llu.\n", static_cast<unsigned long long>(*version));
  return absl::OkStatus();
}

absl::Status RunDirectoryRenew(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"key", "days", "passphrase-file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kRenewHelp, stdout), absl::OkStatus();
  auto days = ValidityDays(*args);
  if (!days.ok()) return days.status();
  auto session = Connect(globals);
  if (!session.ok()) return session.status();
  IntakeClient intake(session->channel, globals.channel.deadline);
  auto latest = intake.GetDirectory(0);
  if (!latest.ok()) return WithHint(latest.status(), "is candourd running, with a directory published?");
  // An expired directory is exactly what renew is for: check pin and signature only.
  auto verified = crypto::VerifyDirectory(*latest, session->fingerprint);
  if (!verified.ok()) return WithHint(verified.status(), "the server's directory is not signed by your organisation key");
  auto key = LoadOrganisationKey(*args);
  if (!key.ok()) return key.status();
  if (key->public_key != verified->organisation_public_key) {
    return WithHint(absl::PermissionDeniedError("this key did not sign the current directory"), "use organisation.key");
  }
  Directory next = verified->directory;  // unknown fields are kept, and signed again
  next.set_version(next.version() + 1);
  auto signed_directory = Seal(std::move(next), *days, *key);
  if (!signed_directory.ok()) return signed_directory.status();
  auto version = Publish(globals, *signed_directory);
  if (!version.ok()) return version.status();
  std::printf("Renewed: directory version %llu, valid for %d days.\n", static_cast<unsigned long long>(*version), *days);
  return absl::OkStatus();
}

absl::Status RunDirectoryShow(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {"version", "file"}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kShowHelp, stdout), absl::OkStatus();
  auto session = Connect(globals);
  if (!session.ok()) return session.status();
  if (args->Has("file")) {
    auto bytes = ReadFile(args->Get("file"));
    if (!bytes.ok()) return bytes.status();
    SignedDirectory signed_directory;
    if (!signed_directory.ParseFromString(*bytes)) return absl::InvalidArgumentError("the file is not a signed directory");
    auto verified = crypto::VerifyDirectory(signed_directory, session->fingerprint);
    if (!verified.ok()) return WithHint(verified.status(), "it is not signed by the pinned organisation");
    PrintDirectory(*verified);
    return absl::OkStatus();
  }
  uint64_t version = 0;
  if (args->Has("version") && (!absl::SimpleAtoi(args->Get("version"), &version) || version == 0)) {
    return WithHint(absl::InvalidArgumentError("--version must be a positive number"), "leave it out for the current one");
  }
  if (version == 0) {
    auto verified = FetchCurrentDirectory(*session);
    if (!verified.ok()) return verified.status();
    PrintDirectory(*verified);
    return absl::OkStatus();
  }
  IntakeClient intake(session->channel, globals.channel.deadline);
  auto signed_directory = intake.GetDirectory(version);
  if (!signed_directory.ok()) return signed_directory.status();
  auto verified = session->trust->AcceptHistorical(*signed_directory, version);
  if (!verified.ok()) return verified.status();
  PrintDirectory(*verified);
  return absl::OkStatus();
}

absl::Status RunAdminRecipients(const Argv& argv, const GlobalOptions& globals) {
  auto args = Args::Parse(argv, {}, {"help"});
  if (!args.ok()) return args.status();
  if (args->Has("help")) return std::fputs(kRecipientsHelp, stdout), absl::OkStatus();
  auto session = Connect(globals);
  if (!session.ok()) return session.status();
  auto verified = FetchCurrentDirectory(*session);
  if (!verified.ok()) return verified.status();
  const Directory& d = verified->directory;
  std::printf("Directory version %llu of %s, verified against your pin.\n",
              static_cast<unsigned long long>(d.version()), d.organisation_name().c_str());
  PrintRecipients(d);
  std::printf("\nAdmins (sign audit checkpoints):\n");
  if (d.admins().empty()) std::printf("  none: no checkpoint can be signed\n");
  for (const auto& admin : d.admins()) {
    std::printf("  %s  %s\n", crypto::HexEncode(admin.key_id()).c_str(), admin.display_name().c_str());
  }
  return absl::OkStatus();
}

}  // namespace candour::clients
