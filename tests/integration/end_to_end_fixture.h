// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The shared fixture of the end-to-end tests: a made-up organisation (keys
// and a signed directory, made with the real CLI), real candourd processes on
// 127.0.0.1 with ephemeral ports and RocksDB in temp dirs, and the real
// `candour` CLI run against them. Everything a run makes lives under
// RunRoot(), removed when every test passed and kept when one failed. The
// organisation is made once per test suite; each test gets its own work dir,
// data dir and server. Not thread-safe: tests run one at a time.
#ifndef CANDOUR_TESTS_INTEGRATION_END_TO_END_FIXTURE_H_
#define CANDOUR_TESTS_INTEGRATION_END_TO_END_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/integration/process.h"

namespace candour::testing {

inline constexpr char kCli[] = CANDOUR_CLI_PATH;
inline constexpr char kServer[] = CANDOURD_PATH;

// The current month in London, as `candour report --when` takes it.
std::string ThisMonth();

// Everything a run makes lives under one folder.
std::string RunRoot();

// A new, empty folder RunRoot()/name (emptied if it was there).
std::string MakeDir(const std::string& name);

// Runs the candour CLI with `args` in `work_dir`.
RunResult Cli(const std::vector<std::string>& args, const std::string& work_dir);

// A made-up organisation: its keys, its signed directory and a client config.
// Its directory lists departments 3 (Maternity, Women and Children, 120 staff)
// and 5 (Theatres, Surgery, 160 staff), one Guardian (who, being the only
// one, holds insights releases), the aggregation key and one admin key.
struct Organisation {
  std::string dir;
  std::string org_pub;  // candourd config line with the public key
  std::string org_key, org_passphrase;
  std::string guardian_key, guardian_passphrase;
  std::string admin_key, admin_key_passphrase;  // signs audit checkpoints
  std::string signed_directory;
  std::string fingerprint;
};

// Makes an organisation under RunRoot()/name with the real CLI; a failed
// step is reported as a test failure.
Organisation MakeOrganisation(const std::string& name);

// A candourd process with its own data dir and log.
struct Server {
  std::unique_ptr<Process> process;
  std::string address;
  std::string log;
};

// Starts candourd for `org` on `host` with an ephemeral port (unless `extra`
// holds a --listen) and waits until it listens.
Server StartServer(const Organisation& org, const std::string& data_dir, const std::string& log,
                   std::vector<std::string> extra = {}, std::string host = "127.0.0.1");

// Every occurrence of any marker in `haystack`, for a readable failure.
std::vector<std::string> Found(const std::string& haystack, const std::vector<std::string>& markers);

// Each test: a data dir bootstrapped with a first admin invitation, a
// running candourd with the organisation's directory published, and a
// client config pinned to the organisation.
class EndToEndTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // Writes the client config: `address`, the organisation's pin, and a
  // state file in the test's work dir.
  void WriteClientConfig(const std::string& address);

  // Runs the CLI with the test's client config.
  RunResult Client(std::vector<std::string> args);

  struct Submitted {
    std::string report_id;
    std::string receipt_code;
  };

  // Sends a report of this month (wanting to talk to a Guardian) with `args`
  // added; returns its id and receipt code.
  Submitted Report(std::vector<std::string> args);

  // The code in an invitation's output.
  static std::string InvitationCode(const std::string& out);

  // Makes the admin account from the bootstrap invitation, then a Guardian
  // account invited by that admin, made with the Guardian key's passphrase.
  void EnsureGuardianAccount();

  // Invites a Guardian account as the admin and makes it with the passphrase
  // in `passphrase_file`; returns the invitation code. REQUIRES: the admin
  // account (EnsureGuardianAccount makes it).
  std::string AddGuardianAccount(const std::string& name, const std::string& passphrase_file);

  // Every staff secret a test made: passphrases and invitation codes, in
  // the forms they were typed and stored.
  std::vector<std::string> StaffSecrets();

  // `candour guardian decrypt` as the Guardian (made if need be).
  RunResult Decrypt(const std::string& report_id);

  static Organisation* org_;
  std::string work_;
  std::string data_;
  std::string admin_invitation_, guardian_invitation_, admin_passphrase_;
  bool guardian_ready_ = false;
  Server server_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_INTEGRATION_END_TO_END_FIXTURE_H_
