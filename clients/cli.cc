// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/cli.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <google/protobuf/text_format.h>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/period.h"

namespace candour::clients {
namespace {

constexpr char kHintPayload[] = "candour.dev/hint";

const std::set<std::string>& GlobalValueFlags() {
  static const auto* flags = new std::set<std::string>{"server", "pin", "config", "tls-ca", "state-file"};
  return *flags;
}

std::string HomeDir() {
  if (const char* home = std::getenv("CANDOUR_HOME"); home != nullptr && *home) return home;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) return absl::StrCat(home, "/.candour");
  return ".candour";
}

absl::Status ReadConfigFile(const std::string& path, bool required, GlobalOptions& options) {
  std::ifstream in(path);
  if (!in) {
    if (!required) return absl::OkStatus();
    return WithHint(absl::NotFoundError(absl::StrCat("cannot read config file ", path)),
                    "check the path given to --config");
  }
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    size_t eq = text.find('=');
    if (eq == absl::string_view::npos) return absl::InvalidArgumentError(absl::StrCat(path, ": expected key = value"));
    std::string key(absl::StripAsciiWhitespace(text.substr(0, eq)));
    std::string value(absl::StripAsciiWhitespace(text.substr(eq + 1)));
    if (key == "server") options.channel.server = value;
    else if (key == "pin") options.pin = value;
    else if (key == "tls_ca") options.channel.tls_ca_file = value;
    else if (key == "state_file") options.state_file = value;
    else return absl::InvalidArgumentError(absl::StrCat(path, ": unknown setting '", key, "'"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WithHint(absl::Status status, absl::string_view hint) {
  status.SetPayload(kHintPayload, absl::Cord(hint));
  return status;
}

std::string HintOf(const absl::Status& status) {
  auto payload = status.GetPayload(kHintPayload);
  return payload.has_value() ? std::string(*payload) : "";
}

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& argv, const std::set<std::string>& value_flags,
                                 const std::set<std::string>& bool_flags) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--" ) {
      for (++i; i < argv.size(); ++i) args.positional_.push_back(argv[i]);
      break;
    }
    if (!absl::ConsumePrefix(&arg, "--")) {
      args.positional_.push_back(argv[i]);
      continue;
    }
    std::string name(arg.substr(0, arg.find('=')));
    if (bool_flags.contains(name)) {
      args.values_[name].push_back("true");
    } else if (value_flags.contains(name)) {
      if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
        args.values_[name].push_back(std::string(arg.substr(eq + 1)));
      } else if (i + 1 < argv.size()) {
        args.values_[name].push_back(argv[++i]);
      } else {
        return WithHint(absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value")),
                        "see --help for this command");
      }
    } else {
      return WithHint(absl::InvalidArgumentError(absl::StrCat("unknown flag --", name)),
                      "see --help for this command");
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag, const std::string& fallback) const {
  auto it = values_.find(flag);
  return it == values_.end() ? fallback : it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

absl::StatusOr<GlobalOptions> ParseGlobalOptions(std::vector<std::string>& argv) {
  std::map<std::string, std::string> flags;
  std::vector<std::string> rest;
  for (size_t i = 0; i < argv.size(); ++i) {
    absl::string_view arg = argv[i];
    std::string name, value;
    if (absl::ConsumePrefix(&arg, "--")) {
      name = std::string(arg.substr(0, arg.find('=')));
      if (GlobalValueFlags().contains(name)) {
        if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
          flags[name] = std::string(arg.substr(eq + 1));
        } else if (i + 1 < argv.size()) {
          flags[name] = argv[++i];
        } else {
          return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
        }
        continue;
      }
    }
    rest.push_back(argv[i]);
  }
  argv = std::move(rest);
  GlobalOptions options;
  options.state_file = HomeDir() + "/state";
  if (flags.contains("config")) {
    if (auto s = ReadConfigFile(flags["config"], true, options); !s.ok()) return s;
  } else if (auto s = ReadConfigFile(HomeDir() + "/config", false, options); !s.ok()) {
    return s;
  }
  if (flags.contains("server")) options.channel.server = flags["server"];
  if (flags.contains("pin")) options.pin = flags["pin"];
  if (flags.contains("tls-ca")) options.channel.tls_ca_file = flags["tls-ca"];
  if (flags.contains("state-file")) options.state_file = flags["state-file"];
  return options;
}

absl::StatusOr<Session> Connect(const GlobalOptions& options) {
  Session session;
  session.options = options;
  if (options.pin.empty()) {
    return WithHint(absl::FailedPreconditionError("no organisation fingerprint is pinned"),
                    "pass --pin with the fingerprint on your organisation's posters, or set pin = ... in the config");
  }
  auto fingerprint = crypto::ParseFingerprint(options.pin);
  if (!fingerprint.ok()) {
    return WithHint(fingerprint.status(), "the pin is 64 hex digits, as printed by `candour admin init`");
  }
  session.fingerprint = *fingerprint;
  auto channel = MakeChannel(options.channel);
  if (!channel.ok()) return channel.status();
  session.channel = *channel;
  session.trust = std::make_unique<DirectoryTrust>(session.fingerprint, options.state_file);
  return session;
}

absl::StatusOr<crypto::VerifiedDirectory> FetchCurrentDirectory(Session& session) {
  IntakeClient intake(session.channel, session.options.channel.deadline);
  auto signed_directory = intake.GetDirectory(0);
  if (!signed_directory.ok()) {
    return WithHint(signed_directory.status(),
                    absl::StrCat("is candourd running at ", session.options.channel.server, "?"));
  }
  auto verified = session.trust->AcceptCurrent(*signed_directory, core::TodayInLondon());
  if (!verified.ok()) {
    return WithHint(verified.status(),
                    "the server's directory cannot be trusted; do not report through it and tell your Guardian");
  }
  return verified;
}

absl::StatusOr<crypto::SecretBytes> ReadPassphrase(const Args& args, absl::string_view prompt) {
  return ReadSecret(args, "passphrase-file", prompt);
}

absl::StatusOr<crypto::SecretBytes> ReadSecret(const Args& args, const std::string& file_flag,
                                               absl::string_view prompt) {
  std::string path = args.Get(file_flag);
  std::string line;
  if (path == "-") {
    std::getline(std::cin, line);
  } else if (!path.empty()) {
    std::ifstream in(path);
    if (!in) return WithHint(absl::NotFoundError(absl::StrCat("cannot read the --", file_flag)), "check the path");
    std::getline(in, line);
  } else {
    if (!isatty(STDIN_FILENO)) {
      return WithHint(absl::InvalidArgumentError(absl::StrCat(prompt, " is needed and there is no terminal to ask on")),
                      absl::StrCat("pass --", file_flag, " FILE (or - for standard input)"));
    }
    std::fprintf(stderr, "%.*s: ", static_cast<int>(prompt.size()), prompt.data());
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~ECHO;
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputc('\n', stderr);
  }
  absl::string_view trimmed = absl::StripTrailingAsciiWhitespace(line);
  auto secret = crypto::SecretBytes::CopyOf(std::string_view(trimmed.data(), trimmed.size()));
  sodium_memzero(line.data(), line.size());
  return secret;
}

std::string Slug(absl::string_view name, absl::string_view fallback) {
  std::string slug;
  for (char c : name) {
    if (absl::ascii_isalnum(c)) slug.push_back(absl::ascii_tolower(c));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? std::string(fallback) : slug;
}

std::string FragmentText(const candour::v1::Directory& fragment, absl::string_view comment) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(fragment, &text);
  return absl::StrCat("# ", comment, "\n", text);
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return WithHint(absl::NotFoundError(absl::StrCat("cannot read ", path)), "check the file name");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::Status WriteNewFile(const std::string& path, absl::string_view contents, bool public_file) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, public_file ? 0644 : 0600);
  if (fd < 0) {
    return WithHint(absl::AlreadyExistsError(absl::StrCat("cannot create ", path)),
                    "it may already exist; candour never overwrites key files");
  }
  size_t written = 0;
  bool ok = true;
  while (ok && written < contents.size()) {
    ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    // A partial key file would block the retry (we never overwrite) and hold nothing usable.
    unlink(path.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace candour::clients
