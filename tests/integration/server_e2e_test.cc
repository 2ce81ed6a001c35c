// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The two programs themselves: candourd's TLS listener, its start-up sweep
// of expired sessions and invitations, its refusal to listen off loopback
// without TLS, and the CLI's help for every command it lists.
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "candour/v1/records.pb.h"
#include "core/period.h"
#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

TEST_F(EndToEndTest, TlsListenerServesVerifiedClients) {
  std::string cert = work_ + "/cert.pem", key = work_ + "/key.pem";
  auto openssl = candour::testing::Run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                      "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                      "-addext", "subjectAltName=DNS:localhost"}, work_);
  ASSERT_EQ(openssl.exit_code, 0) << openssl.err;
  Server tls = StartServer(*org_, work_ + "/var-tls", work_ + "/tls.log", {"--tls-cert", cert, "--tls-key", key},
                           "localhost");
  auto publish = Client({"--server", tls.address, "--tls-ca", cert, "admin", "directory", "publish",
                         org_->signed_directory});
  EXPECT_EQ(publish.exit_code, 0) << publish.err << ReadWholeFile(tls.log);
  auto show = Client({"--server", tls.address, "--tls-ca", cert, "admin", "directory", "show"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  // Without TLS the client cannot talk to it.
  auto plain = Client({"--server", tls.address, "admin", "directory", "show"});
  EXPECT_NE(plain.exit_code, 0);
}

// candourd deletes expired sessions and invitations when it starts (and
// then periodically), through the store's one write path, and stops the
// sweeping thread cleanly on SIGTERM.
TEST_F(EndToEndTest, CandourdSweepsExpiredSessionsAndInvitationsAtStart) {
  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0) << ReadWholeFile(server_.log);
  const std::string expired_token(32, 'e'), live_token(32, 'l'), expired_code(32, 'c');
  {
    auto store = storage::RocksDbReportStore::Open(data_);
    ASSERT_TRUE(store.ok()) << store.status();
    candour::v1::SessionRecord expired, live;
    expired.set_idle_expires_at(1000);  // 1970
    expired.set_expires_at(2000);
    live.set_idle_expires_at(int64_t{4} << 32);  // long after any test run
    live.set_expires_at(int64_t{4} << 32);
    candour::v1::InvitationRecord invitation;
    invitation.set_name("late");
    invitation.set_expires_day(core::TodayInLondon() - 1);
    storage::UnitOfWork unit;
    unit.AddAccount({"sweepme", "opaque account record"});
    unit.AddSession({expired_token, "sweepme", expired.SerializeAsString()});
    unit.AddSession({live_token, "sweepme", live.SerializeAsString()});
    unit.AddInvitation({expired_code, invitation.SerializeAsString()});
    ASSERT_TRUE((*store)->Commit(unit).ok());
  }
  server_ = StartServer(*org_, data_, work_ + "/candourd-restarted.log");
  const std::string swept = "expiry sweep: deleted 1 sessions and 1 invitations";
  for (int i = 0; i < 200 && ReadWholeFile(server_.log).find(swept) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(ReadWholeFile(server_.log).find(swept), std::string::npos) << ReadWholeFile(server_.log);
  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0) << ReadWholeFile(server_.log);

  auto store = storage::RocksDbReportStore::Open(data_);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->GetSession(expired_token).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE((*store)->GetSession(live_token).ok());
  EXPECT_EQ((*store)->GetInvitation(expired_code).status().code(), absl::StatusCode::kNotFound);
  auto invitations = (*store)->ListInvitations();
  ASSERT_TRUE(invitations.ok());
  EXPECT_EQ(invitations->size(), 1u);  // the admin's bootstrap invitation, valid for a week
}

// Every command the top-level help lists answers --help with its own usage,
// needing no server, config or passphrase.
TEST(CandourCliTest, EveryListedCommandHasItsOwnHelp) {
  const std::string work = MakeDir("help");
  RunResult top = Cli({"--help"}, work);
  ASSERT_EQ(top.exit_code, 0) << top.err;
  const std::regex listed("\n  ([a-z]+(?: [a-z-]+)*)(?: [A-Z_\\[\\]-]+| --[a-z]+ [0-9A-Za-z-]+)* {2,}");
  std::vector<std::string> commands;
  for (auto it = std::sregex_iterator(top.out.begin(), top.out.end(), listed); it != std::sregex_iterator(); ++it) {
    commands.push_back((*it)[1]);
  }
  EXPECT_GE(commands.size(), 30u) << top.out;
  for (const std::string& command : commands) {
    std::vector<std::string> argv = absl::StrSplit(command, ' ');
    argv.push_back("--help");
    RunResult help = Cli(argv, work);
    EXPECT_EQ(help.exit_code, 0) << command << ": " << help.err;
    // `guardian decrypt` is the older name of `cases show`, and shares its help.
    const std::string usage = command == "guardian decrypt" ? "cases show" : command;
    EXPECT_EQ(help.out.rfind("Usage: candour " + usage, 0), 0u) << command << ": " << help.out;
  }
}

TEST(CandourdTest, RefusesToListenOffLoopbackWithoutTls) {
  std::string dir = MakeDir("offloopback");
  auto r = candour::testing::Run({kServer, "--listen", "0.0.0.0:0", "--data-dir", dir + "/var", "--organisation-key",
                std::string(64, 'a')}, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("refusing to listen on 0.0.0.0:0 without TLS"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/var"));
}

}  // namespace
}  // namespace candour::testing
