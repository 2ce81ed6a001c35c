// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Staff accounts through the real CLI and candourd: invitations, roles and
// disabling, the audit log and its checkpoints, and `candour login`
// sessions kept in the kernel keyring.
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/intake_client.h"
#include "clients/rpc.h"
#include "clients/session_keyring.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"
#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"
#include "tests/testing/raw_db.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

TEST_F(EndToEndTest, AdminInvitesListsAndDisablesStaffAndADisabledGuardianIsShutOut) {
  Submitted r = Report({"--kind", "bullying", "--characteristic", "age", "--source", "manager", "--department",
                        "5", "--what", "MARKER-STAFF rota punishments"});
  auto opened = Decrypt(r.report_id);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("MARKER-STAFF rota punishments"), std::string::npos);

  auto staff = Client({"admin", "staff", "--account", "admin", "--passphrase-file", admin_passphrase_});
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  EXPECT_NE(staff.out.find("admin "), std::string::npos) << staff.out;
  EXPECT_NE(staff.out.find("guardian "), std::string::npos) << staff.out;

  // A Guardian cannot run admin commands.
  auto not_admin = Client({"admin", "staff", "--account", "guardian", "--passphrase-file",
                           org_->guardian_passphrase});
  EXPECT_EQ(not_admin.exit_code, 1);
  EXPECT_NE(not_admin.err.find("ROLE_ADMIN"), std::string::npos) << not_admin.err;

  auto disable = Client({"admin", "disable", "--account", "admin", "--passphrase-file", admin_passphrase_, "--name",
                         "guardian"});
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  auto refused = Decrypt(r.report_id);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("the name or passphrase is wrong"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.out.find("MARKER-STAFF"), std::string::npos);

  // A wrong passphrase gets the same answer as a name that does not exist.
  std::ofstream(work_ + "/wrong.pass") << "aaaaa-bbbbb-ccccc-ddddd\n";
  auto wrong = Client({"admin", "staff", "--account", "admin", "--passphrase-file", work_ + "/wrong.pass"});
  auto nobody = Client({"admin", "staff", "--account", "nobody", "--passphrase-file", work_ + "/wrong.pass"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(wrong.err, nobody.err);
}

TEST_F(EndToEndTest, AdminCheckpointsTheAuditLogAndAStaffClientCatchesItCutBack) {
  EnsureGuardianAccount();
  const std::vector<std::string> as_admin = {"--account", "admin", "--passphrase-file", admin_passphrase_};
  auto add = [&](std::vector<std::string> args) {
    args.insert(args.end(), as_admin.begin(), as_admin.end());
    return Client(args);
  };
  auto checkpoint = add({"admin", "audit", "checkpoint", "--key", org_->admin_key, "--key-passphrase-file",
                         org_->admin_key_passphrase, "--out", work_ + "/checkpoint.txtpb"});
  ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.err;
  EXPECT_NE(checkpoint.out.find("signed by Test Admin"), std::string::npos) << checkpoint.out;
  auto show = add({"admin", "audit", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(std::regex_search(show.out, std::regex("admin +invite-staff +guardian\n"))) << show.out;
  EXPECT_TRUE(std::regex_search(show.out, std::regex("admin +checkpoint +[0-9]+\n"))) << show.out;
  EXPECT_NE(show.out.find("Audit chain intact"), std::string::npos) << show.out;
  for (const std::string& secret : StaffSecrets()) EXPECT_EQ(show.out.find(secret), std::string::npos);

  // Beside the running server, on its data dir, with the admin's own copy.
  auto verify = testing::Run({kServer, "audit", "verify", "--config", org_->org_pub, "--data-dir", data_, "--checkpoint",
                     work_ + "/checkpoint.txtpb"}, work_);
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("audit chain intact"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("signed by Test Admin"), std::string::npos) << verify.out;

  // The operator stops candourd and cuts the newest entries, after the
  // checkpoint: verify cannot see that, but the admin's client remembers.
  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0);
  {
    auto store = storage::RocksDbReportStore::OpenReadOnly(data_);
    ASSERT_TRUE(store.ok()) << store.status();
    const uint64_t last = (*store)->LastAudit()->value().sequence;
    store->reset();
    RawDb db(data_);
    for (uint64_t sequence = last - 2; sequence <= last; ++sequence) {
      db.Delete(storage::schema::kAuditCf, storage::schema::AuditKey(sequence));
    }
  }
  const std::string address = server_.address;
  server_ = StartServer(*org_, data_, work_ + "/candourd2.log", {"--listen", address});
  ASSERT_EQ(server_.address, address);
  auto staff = add({"admin", "staff"});
  EXPECT_EQ(staff.exit_code, 1);
  EXPECT_NE(staff.err.find("entries were cut from the end"), std::string::npos) << staff.err;
  EXPECT_NE(staff.err.find("candour: hint: the server's audit log is not the one it showed before"),
            std::string::npos)
      << staff.err;
  EXPECT_EQ(staff.out.find("guardian "), std::string::npos) << staff.out;  // the command did not run
  // Every Guardian command signs in through the same check. (The refused
  // command's own sign-in is on the log by now, so the log has grown again
  // since the cut: a different error, the same refusal.)
  auto listed = Client({"cases", "list", "--account", "guardian", "--key", org_->guardian_key, "--passphrase-file",
                        org_->guardian_passphrase});
  EXPECT_EQ(listed.exit_code, 1);
  EXPECT_NE(listed.err.find("candour: hint: the server's audit log is not the one it showed before"),
            std::string::npos)
      << listed.err;
  EXPECT_TRUE(listed.out.empty()) << listed.out;
}

// `candour login` keeps one session for the staff commands that follow:
// they need no account passphrase and sign in no more, Guardians' included.
// The token is in the kernel keyring, in no file. A session the server has
// ended is noticed, and the command signs in for itself; `candour logout`
// ends it on the server and drops it here.
TEST_F(EndToEndTest, LoginKeepsOneSessionUntilLogoutAndWritesItNowhere) {
  EnsureGuardianAccount();
  const auto sign_ins = [&](const std::string& account) {
    auto show = Client({"admin", "audit", "show", "--account", "admin", "--passphrase-file", admin_passphrase_});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    const std::regex line(" " + account + " +sign-in *\n");
    return std::distance(std::sregex_iterator(show.out.begin(), show.out.end(), line), std::sregex_iterator());
  };
  auto login = Client({"login", "--account", "admin", "--passphrase-file", admin_passphrase_});
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_NE(login.out.find("Signed in as admin until"), std::string::npos) << login.out;
  const std::string admin_key = clients::SessionKeyName(server_.address, "admin");
  auto token = clients::FindSession(admin_key, 32);
  ASSERT_TRUE(token.ok()) << token.status();
  const std::string kept(token->view());

  // No passphrase given and nothing on stdin: only the kept session can sign in.
  const long admin_before = sign_ins("admin");
  auto staff = Client({"admin", "staff", "--account", "admin"});
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  EXPECT_NE(staff.out.find("guardian"), std::string::npos) << staff.out;
  EXPECT_EQ(sign_ins("admin"), admin_before);

  // A Guardian's commands still unlock the key file, but sign in no more.
  ASSERT_EQ(Client({"login", "--account", "guardian", "--passphrase-file", org_->guardian_passphrase}).exit_code, 0);
  const long guardian_before = sign_ins("guardian");
  for (int i = 0; i < 2; ++i) {
    auto listed = Client({"cases", "list", "--account", "guardian", "--key", org_->guardian_key, "--passphrase-file",
                          org_->guardian_passphrase});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
  }
  EXPECT_EQ(sign_ins("guardian"), guardian_before);
  ASSERT_EQ(Client({"logout", "--account", "guardian"}).exit_code, 0);

  for (const auto& entry : fs::recursive_directory_iterator(work_)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(Found(ReadWholeFile(entry.path()), {kept, crypto::HexEncode(kept)}), std::vector<std::string>{})
          << entry.path();
    }
  }

  // The server ends the session (here: signed out by its own token, as an
  // idle timeout or a disabled account would): the next command says so and
  // signs in for itself, and the keyring no longer holds it.
  clients::ChannelOptions options;
  options.server = server_.address;
  auto channel = clients::MakeChannel(options);
  ASSERT_TRUE(channel.ok());
  clients::SessionToken session(crypto::SecretBytes::CopyOf(kept));
  ASSERT_TRUE(clients::AuthClient(*channel, std::chrono::seconds(10), &session).SignOut().ok());
  auto after = Client({"admin", "staff", "--account", "admin", "--passphrase-file", admin_passphrase_});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.err.find("the session `candour login` kept has ended; signing in for this command"),
            std::string::npos)
      << after.err;
  EXPECT_EQ(clients::FindSession(admin_key, 32).status().code(), absl::StatusCode::kNotFound);

  // Logout ends it on the server too.
  ASSERT_EQ(Client({"login", "--account", "admin", "--passphrase-file", admin_passphrase_}).exit_code, 0);
  auto second = clients::FindSession(admin_key, 32);
  ASSERT_TRUE(second.ok()) << second.status();
  clients::SessionToken second_session(*std::move(second));
  auto logout = Client({"logout", "--account", "admin"});
  ASSERT_EQ(logout.exit_code, 0) << logout.err;
  EXPECT_NE(logout.out.find("Signed out admin."), std::string::npos) << logout.out;
  EXPECT_EQ(clients::AuthClient(*channel, std::chrono::seconds(10), &second_session).WhoAmI().status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Client({"admin", "staff", "--account", "admin"}).exit_code, 1);  // asks, and stdin is empty
  auto again = Client({"logout", "--account", "admin"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("No saved session for admin."), std::string::npos) << again.out;
}

}  // namespace
}  // namespace candour::testing
