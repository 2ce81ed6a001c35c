// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Shared plumbing of the `candour` CLI: argument parsing with per-command
// flag sets, global options (--server, --pin, --config, --tls-ca), errors
// with hints (printed age-style as `candour: error:` / `candour: hint:`),
// passphrase input, and files written user-only. Not thread-safe.
#ifndef CANDOUR_CLIENTS_CLI_H_
#define CANDOUR_CLIENTS_CLI_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/directory_trust.h"
#include "clients/intake_client.h"
#include "clients/rpc.h"
#include "crypto/secret_bytes.h"

namespace candour::clients {

// Attaches a hint line to an error.
absl::Status WithHint(absl::Status status, absl::string_view hint);
// The hint attached by WithHint, or empty.
std::string HintOf(const absl::Status& status);

// Parsed flags and positionals of one command.
class Args {
 public:
  // `value_flags` take a value; `bool_flags` do not. Anything else is an
  // INVALID_ARGUMENT naming the flag.
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& argv, const std::set<std::string>& value_flags,
                                    const std::set<std::string>& bool_flags);
  bool Has(const std::string& flag) const { return values_.contains(flag); }
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  std::vector<std::string> GetAll(const std::string& flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Options every command shares, from flags over the config file over defaults.
struct GlobalOptions {
  ChannelOptions channel;
  std::string pin;         // fingerprint text, as on the posters
  std::string state_file;  // highest directory versions seen
};

// Splits global flags out of argv (anywhere on the line) and reads the config
// file: --config, else $CANDOUR_HOME/config, else ~/.candour/config if present.
absl::StatusOr<GlobalOptions> ParseGlobalOptions(std::vector<std::string>& argv);

// Connections and directory trust built from GlobalOptions.
struct Session {
  GlobalOptions options;
  std::shared_ptr<grpc::Channel> channel;
  std::string fingerprint;  // parsed pin, 32 bytes
  std::unique_ptr<DirectoryTrust> trust;
};
// FAILED_PRECONDITION (with a hint) if there is no pin.
absl::StatusOr<Session> Connect(const GlobalOptions& options);

// Fetches the latest directory and applies the trust policy for encrypting.
absl::StatusOr<crypto::VerifiedDirectory> FetchCurrentDirectory(Session& session);

// Reads a passphrase from `--passphrase-file` (or "-" for one line of stdin),
// else prompts on the terminal without echo. The trailing newline is dropped.
absl::StatusOr<crypto::SecretBytes> ReadPassphrase(const Args& args, absl::string_view prompt);
// The same for any secret line, from `--<file_flag>` or the terminal.
absl::StatusOr<crypto::SecretBytes> ReadSecret(const Args& args, const std::string& file_flag,
                                               absl::string_view prompt);

// A file-name-safe form of a display name: lowercase letters and digits,
// each run of anything else one '-'; `fallback` if nothing is left.
std::string Slug(absl::string_view name, absl::string_view fallback);
// A directory fragment (a .pub file) as protobuf text after a "# comment" line.
std::string FragmentText(const candour::v1::Directory& fragment, absl::string_view comment);

absl::StatusOr<std::string> ReadFile(const std::string& path);
// Writes with mode 0600 (or 0644 if `public_file`), refusing to overwrite.
absl::Status WriteNewFile(const std::string& path, absl::string_view contents, bool public_file);

}  // namespace candour::clients

#endif  // CANDOUR_CLIENTS_CLI_H_
