// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The whole product as a user meets it: real candourd processes on 127.0.0.1
// with ephemeral ports, RocksDB in temp dirs, and the real `candour` CLI.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "candour/v1/records.pb.h"
#include "clients/intake_client.h"
#include "clients/rpc.h"
#include "clients/session_keyring.h"
#include "core/period.h"
#include "crypto/bytes.h"
#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/integration/process.h"
#include "tests/testing/raw_db.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCli = CANDOUR_CLI_PATH;
const std::string kServer = CANDOURD_PATH;

std::string ThisMonth() {
  core::CivilDate d = core::CivilFromDay(core::TodayInLondon());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

// A made-up organisation: its keys, its signed directory and a client config.
struct Organisation {
  std::string dir;
  std::string org_pub;          // candourd config line with the public key
  std::string org_key, org_passphrase;
  std::string guardian_key, guardian_passphrase;
  std::string admin_key, admin_key_passphrase;  // signs audit checkpoints
  std::string signed_directory;
  std::string fingerprint;
};

// Everything a run makes lives under one folder, removed when every test
// passed and kept for reading when one failed.
std::string RunRoot() { return ::testing::TempDir() + "/candour_e2e_" + std::to_string(getpid()); }

class CleanUpRunRoot : public ::testing::Environment {
 public:
  void TearDown() override {
    if (::testing::UnitTest::GetInstance()->Passed()) fs::remove_all(RunRoot());
  }
};
const auto* const kCleanUp = ::testing::AddGlobalTestEnvironment(new CleanUpRunRoot);

std::string MakeDir(const std::string& name) {
  std::string dir = RunRoot() + "/" + name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

RunResult Cli(const std::vector<std::string>& args, const std::string& work_dir) {
  std::vector<std::string> argv = {kCli};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, work_dir);
}

Organisation MakeOrganisation(const std::string& name) {
  Organisation o;
  o.dir = MakeDir(name);
  auto init = Cli({"admin", "init", "--name", "Test Trust " + name, "--out", o.dir + "/org", "--passphrase-out",
                   o.dir + "/org.pass"}, o.dir);
  EXPECT_EQ(init.exit_code, 0) << init.err;
  auto keygen = Cli({"guardian", "keygen", "--name", "Test Guardian", "--out", o.dir + "/guardian",
                     "--passphrase-out", o.dir + "/guardian.pass"}, o.dir);
  EXPECT_EQ(keygen.exit_code, 0) << keygen.err;
  auto admin_keygen = Cli({"admin", "keygen", "--name", "Test Admin", "--out", o.dir + "/admin", "--passphrase-out",
                           o.dir + "/admin-key.pass"}, o.dir);
  EXPECT_EQ(admin_keygen.exit_code, 0) << admin_keygen.err;
  auto agg = Cli({"guardian", "aggregation-key", "--recipients", o.dir + "/guardian/test-guardian.pub", "--out",
                  o.dir + "/aggregation.txtpb"}, o.dir);
  EXPECT_EQ(agg.exit_code, 0) << agg.err;
  {
    std::ofstream source(o.dir + "/org/directory.txtpb", std::ios::app);
    source << "departments { id: 3 name: \"Maternity\" directorate: \"Women and Children\" headcount: 120 }\n"
              "departments { id: 5 name: \"Theatres\" directorate: \"Surgery\" headcount: 160 }\n";
  }
  o.org_pub = o.dir + "/org/organisation.pub";
  o.org_key = o.dir + "/org/organisation.key";
  o.org_passphrase = o.dir + "/org.pass";
  o.guardian_key = o.dir + "/guardian/test-guardian.key";
  o.guardian_passphrase = o.dir + "/guardian.pass";
  o.admin_key = o.dir + "/admin/test-admin.key";
  o.admin_key_passphrase = o.dir + "/admin-key.pass";
  o.signed_directory = o.dir + "/directory.signed";
  auto sign = Cli({"admin", "directory", "sign", o.dir + "/org/directory.txtpb", "--include",
                   o.dir + "/guardian/test-guardian.pub", "--include", o.dir + "/aggregation.txtpb", "--include",
                   o.dir + "/admin/test-admin.pub", "--key",
                   o.org_key, "--passphrase-file", o.org_passphrase, "--out", o.signed_directory}, o.dir);
  EXPECT_EQ(sign.exit_code, 0) << sign.err;
  std::smatch m;
  std::string pub = ReadWholeFile(o.org_pub);
  if (std::regex_search(pub, m, std::regex("# fingerprint: ([0-9a-f ]+)"))) o.fingerprint = m[1];
  EXPECT_EQ(o.fingerprint.size(), 79u);
  return o;
}

// A candourd process with its own data dir and log.
struct Server {
  std::unique_ptr<Process> process;
  std::string address;
  std::string log;
};

Server StartServer(const Organisation& org, const std::string& data_dir, const std::string& log,
                   std::vector<std::string> extra = {}, std::string host = "127.0.0.1") {
  std::string port_file = data_dir + ".port";
  fs::remove(port_file);
  std::vector<std::string> argv = {kServer, "--config", org.org_pub, "--listen", host + ":0",
                                   "--data-dir", data_dir, "--port-file", port_file};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Server s;
  s.log = log;
  s.process = std::make_unique<Process>(argv, log);
  for (int i = 0; i < 200 && ReadWholeFile(port_file).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string port = ReadWholeFile(port_file);
  EXPECT_FALSE(port.empty()) << ReadWholeFile(log);
  s.address = host + ":" + port.substr(0, port.find('\n'));
  return s;
}

class EndToEndTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { org_ = new Organisation(MakeOrganisation("main")); }
  static void TearDownTestSuite() { delete org_; }

  void SetUp() override {
    work_ = MakeDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    data_ = work_ + "/var";
    // The first admin's invitation is made on the host before candourd runs.
    auto bootstrap = testing::Run({kServer, "admin", "bootstrap", "--name", "admin", "--config", org_->org_pub, "--data-dir",
                          data_}, work_);
    ASSERT_EQ(bootstrap.exit_code, 0) << bootstrap.err;
    std::smatch code;
    ASSERT_TRUE(std::regex_search(bootstrap.out, code, std::regex("\\n    ([0-9a-z]{5}(-[0-9a-z]{5}){3})\\n")))
        << bootstrap.out;
    admin_invitation_ = code[1];
    server_ = StartServer(*org_, data_, work_ + "/candourd.log");
    WriteClientConfig(server_.address);
    auto publish = Client({"admin", "directory", "publish", org_->signed_directory});
    ASSERT_EQ(publish.exit_code, 0) << publish.err;
  }

  void WriteClientConfig(const std::string& address) {
    std::ofstream(work_ + "/candour.conf") << "server = " << address << "\npin = " << org_->fingerprint
                                           << "\nstate_file = " << work_ << "/client-state\n";
  }

  RunResult Client(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", work_ + "/candour.conf"});
    return Cli(args, work_);
  }

  struct Submitted {
    std::string report_id;
    std::string receipt_code;
  };

  Submitted Report(std::vector<std::string> args) {
    std::vector<std::string> full = {"report", "--when", ThisMonth(), "--wants", "talk-to-guardian"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = Client(full);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch id, code;
    EXPECT_TRUE(std::regex_search(r.out, id, std::regex("Report id: +([0-9a-f]{32})"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, code, std::regex("Receipt code: +([0-9A-Z-]{34})"))) << r.out;
    return {id.size() > 1 ? id[1].str() : "", code.size() > 1 ? code[1].str() : ""};
  }

  // The code in an invitation's output.
  static std::string InvitationCode(const std::string& out) {
    std::smatch code;
    EXPECT_TRUE(std::regex_search(out, code, std::regex("\\n    ([0-9a-z]{5}(-[0-9a-z]{5}){3})\\n"))) << out;
    return code.size() > 1 ? code[1].str() : "";
  }

  // Makes the admin account from the bootstrap invitation, then a Guardian
  // account invited by that admin, made with the Guardian key's passphrase.
  void EnsureGuardianAccount() {
    if (guardian_ready_) return;
    admin_passphrase_ = work_ + "/admin.pass";
    std::ofstream(work_ + "/admin.code") << admin_invitation_ << "\n";
    auto admin = Client({"account", "accept", "--name", "admin", "--code-file", work_ + "/admin.code",
                         "--passphrase-out", admin_passphrase_});
    ASSERT_EQ(admin.exit_code, 0) << admin.err;
    guardian_invitation_ = AddGuardianAccount("guardian", org_->guardian_passphrase);
    guardian_ready_ = true;
  }

  // Invites a Guardian account as the admin and makes it with the passphrase
  // in `passphrase_file`; returns the invitation code. REQUIRES: the admin
  // account (EnsureGuardianAccount makes it).
  std::string AddGuardianAccount(const std::string& name, const std::string& passphrase_file) {
    auto invite = Client({"admin", "invite", "--account", "admin", "--passphrase-file", admin_passphrase_, "--name",
                          name, "--role", "guardian"});
    EXPECT_EQ(invite.exit_code, 0) << invite.err;
    const std::string code = InvitationCode(invite.out);
    std::ofstream(work_ + "/" + name + ".code") << code << "\n";
    auto made = Client({"account", "accept", "--name", name, "--code-file", work_ + "/" + name + ".code",
                        "--passphrase-file", passphrase_file});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("Account " + name + " made: guardian."), std::string::npos) << made.out;
    return code;
  }

  // Every staff secret a test made: passphrases and invitation codes, in
  // the forms they were typed and stored.
  std::vector<std::string> StaffSecrets() {
    std::vector<std::string> secrets = {admin_invitation_, guardian_invitation_};
    for (const std::string& file : {admin_passphrase_, org_->guardian_passphrase}) {
      std::string text = ReadWholeFile(file);
      while (!text.empty() && text.back() == '\n') text.pop_back();
      secrets.push_back(text);
    }
    for (const std::string& code : {admin_invitation_, guardian_invitation_}) {
      std::string bare = code;
      bare.erase(std::remove(bare.begin(), bare.end(), '-'), bare.end());
      secrets.push_back(bare);
    }
    return secrets;
  }

  RunResult Decrypt(const std::string& report_id) {
    EnsureGuardianAccount();
    return Client({"guardian", "decrypt", report_id, "--account", "guardian", "--key", org_->guardian_key,
                   "--passphrase-file", org_->guardian_passphrase});
  }

  static Organisation* org_;
  std::string work_;
  std::string data_;
  std::string admin_invitation_, guardian_invitation_, admin_passphrase_;
  bool guardian_ready_ = false;
  Server server_;
};

Organisation* EndToEndTest::org_ = nullptr;

// Every occurrence of any marker in `haystack`, for a readable failure.
std::vector<std::string> Found(const std::string& haystack, const std::vector<std::string>& markers) {
  std::vector<std::string> found;
  for (const auto& m : markers) {
    if (haystack.find(m) != std::string::npos) found.push_back(m);
  }
  return found;
}

TEST_F(EndToEndTest, NamedAndAnonymousReportsOpenOnlyForTheGuardianAndLeaveNoPlaintext) {
  const std::string narrative = "MARKER-NARRATIVE-3f9a1c the charge nurse mocked my accent";
  const std::string impact = "MARKER-IMPACT-77de";
  const std::string name = "MARKER-NAME-Adaeze";
  const std::string contact = "marker-contact-51@example.nhs.uk";
  Submitted named = Report({"--kind", "harassment", "--characteristic", "race", "--source", "colleague",
                            "--department", "3", "--what", narrative, "--impact", impact, "--named", "--name", name,
                            "--contact", contact, "--professional-group", "Nursing and midwifery registered"});
  const std::string bystander = "MARKER-BYSTANDER-0b1e a porter was shouted at by a visitor";
  Submitted anonymous = Report({"--kind", "bystander-observation", "--characteristic", "none-or-not-sure",
                                "--source", "public", "--department", "5", "--what", bystander,
                                "--bystander-action", "delay", "--bystander-action", "document",
                                "--target-supported", "yes"});

  auto opened = Decrypt(named.report_id);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find(narrative), std::string::npos) << opened.out;
  EXPECT_NE(opened.out.find(impact), std::string::npos);
  EXPECT_NE(opened.out.find(name), std::string::npos);
  EXPECT_NE(opened.out.find(contact), std::string::npos);
  EXPECT_NE(opened.out.find("Aggregation tag: department 3, kind harassment, characteristics race, source colleague "
                            "(agrees with the report)"),
            std::string::npos)
      << opened.out;

  auto anon = Decrypt(anonymous.report_id);
  ASSERT_EQ(anon.exit_code, 0) << anon.err;
  EXPECT_NE(anon.out.find(bystander), std::string::npos) << anon.out;
  EXPECT_NE(anon.out.find("Anonymous report"), std::string::npos);
  EXPECT_NE(anon.out.find("Bystander did:   delay, document"), std::string::npos);
  EXPECT_NE(anon.out.find("Aggregation tag: department 5, kind bystander-observation"), std::string::npos);
  EXPECT_NE(anon.out.find("(agrees with the report)"), std::string::npos);
  EXPECT_EQ(anon.out.find(name), std::string::npos);

  // Stop the server cleanly, then look for every secret in everything it left.
  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0) << ReadWholeFile(server_.log);
  auto canonical = [](std::string code) {
    code.erase(std::remove(code.begin(), code.end(), '-'), code.end());
    return code;
  };
  std::vector<std::string> markers = {narrative, impact, name, contact, bystander, "MARKER-",
                                      named.receipt_code, anonymous.receipt_code, canonical(named.receipt_code),
                                      canonical(anonymous.receipt_code)};
  for (const std::string& secret : StaffSecrets()) {
    ASSERT_GE(secret.size(), 20u);
    markers.push_back(secret);
  }
  std::string log = ReadWholeFile(server_.log);
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
  EXPECT_EQ(Found(log, markers), std::vector<std::string>{}) << log;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    EXPECT_EQ(Found(ReadWholeFile(entry.path()), markers), std::vector<std::string>{}) << entry.path();
  }
  EXPECT_GT(files, 3);
  // Data files may be compressed: read every key and value back through RocksDB too.
  auto store = storage::RocksDbReportStore::Open(data_);
  ASSERT_TRUE(store.ok()) << store.status();
  int records = 0;
  ASSERT_TRUE((*store)
                  ->ForEachRawRecord([&](std::string_view cf, std::string_view key, std::string_view value) {
                    ++records;
                    std::string both = std::string(key) + '\0' + std::string(value);
                    EXPECT_EQ(Found(both, markers), std::vector<std::string>{}) << cf;
                  })
                  .ok());
  // 2 reports, each with 1 case key, 1 receipt, 1 arrival; 1 directory; schema version.
  EXPECT_GE(records, 10);
}

TEST_F(EndToEndTest, InteractiveReportAsksInPlainLanguageAndSends) {
  // Kind: harassment; related to: race; from: a manager; department: the
  // first listed (Maternity); this month; narrative; no impact; wants: talk
  // to a Guardian; no professional group; stay anonymous; send.
  const std::string answers = "2\n6\n1\n1\n\nMARKER-PTY the rota is always worse for me\n.\n.\n2\n\n\ny\n";
  auto r = RunInTerminal({kCli, "--config", work_ + "/candour.conf", "report"}, answers);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("What would you like to report?"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Which department did it happen in?"), std::string::npos);
  EXPECT_NE(r.out.find("Would you like to put your name on this report? Without it you stay anonymous."),
            std::string::npos);
  EXPECT_NE(r.out.find("Send it now?"), std::string::npos);
  std::smatch id;
  ASSERT_TRUE(std::regex_search(r.out, id, std::regex("Report id: +([0-9a-f]{32})"))) << r.out;
  EXPECT_NE(r.out.find("It is shown only this once"), std::string::npos);
  auto opened = Decrypt(id[1]);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("MARKER-PTY the rota is always worse for me"), std::string::npos) << opened.out;
  EXPECT_NE(opened.out.find("Kind:            harassment"), std::string::npos);
  EXPECT_NE(opened.out.find("Department:      3 (Maternity, Women and Children)"), std::string::npos);
  EXPECT_NE(opened.out.find("Anonymous report"), std::string::npos);
}

TEST_F(EndToEndTest, InteractiveReportCanBeAbandonedWithoutSending) {
  const std::string answers = "3\n10\n2\n2\n\nMARKER-ABANDONED\n.\n.\n1\n\n\nn\n";
  auto r = RunInTerminal({kCli, "--config", work_ + "/candour.conf", "report"}, answers);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("candour: error: not sent"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Receipt code:"), std::string::npos);
}

TEST_F(EndToEndTest, ReportSurvivesSigkillRightAfterSubmitReturns) {
  Submitted r = Report({"--kind", "bullying", "--characteristic", "age", "--source", "manager", "--department",
                        "5", "--what", "MARKER-DURABLE shouted at in handover"});
  server_.process->Signal(SIGKILL);
  EXPECT_EQ(server_.process->Wait(), 128 + SIGKILL);
  server_ = StartServer(*org_, data_, work_ + "/candourd2.log");
  WriteClientConfig(server_.address);
  auto opened = Decrypt(r.report_id);
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("MARKER-DURABLE shouted at in handover"), std::string::npos);
}

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

// Acceptance point 1 of the casework issue, through the real CLI and server:
// anonymous report -> the Guardian lists it, opens it, acknowledges and
// replies -> the reporter reads the reply with the receipt code alone and
// answers -> the Guardian reads the answer, notes, classifies and closes the
// case with an outcome; the reporter sees the outcome but not the note.
TEST_F(EndToEndTest, AnonymousReporterAndGuardianTalkWithOnlyTheReceiptCode) {
  Submitted r = Report({"--kind", "harassment", "--characteristic", "religion-belief", "--source", "colleague",
                        "--department", "3", "--what", "MARKER-T0 comments about my hijab"});
  std::ofstream(work_ + "/code.txt") << r.receipt_code << "\n";
  auto empty = Client({"followup", "--code-file", work_ + "/code.txt"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("No messages yet."), std::string::npos) << empty.out;

  EnsureGuardianAccount();
  const std::vector<std::string> as_guardian = {"--account", "guardian", "--key", org_->guardian_key,
                                                "--passphrase-file", org_->guardian_passphrase};
  const auto cases = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "cases");
    args.insert(args.end(), as_guardian.begin(), as_guardian.end());
    return Client(args);
  };
  auto listed = cases({"list", "--status", "new"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(r.report_id), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find(" new "), std::string::npos) << listed.out;
  // Closing a case nobody has acknowledged is not a legal move.
  auto too_soon = cases({"close", r.report_id, "--outcome", "resolved"});
  EXPECT_EQ(too_soon.exit_code, 1);
  EXPECT_NE(too_soon.err.find("cannot move to closed"), std::string::npos) << too_soon.err;
  auto ack = cases({"ack", r.report_id});
  ASSERT_EQ(ack.exit_code, 0) << ack.err;
  EXPECT_NE(ack.out.find("Status: acknowledged"), std::string::npos) << ack.out;

  std::ofstream(work_ + "/reply.txt") << "MARKER-T1 Thank you. Would you like to meet on Tuesday?";
  auto reply = Client({"cases", "reply", r.report_id, "--account", "guardian", "--key", org_->guardian_key,
                       "--passphrase-file", org_->guardian_passphrase, "--message-file", work_ + "/reply.txt"});
  ASSERT_EQ(reply.exit_code, 0) << reply.err;
  EXPECT_NE(reply.out.find("Reply sent as entry 2"), std::string::npos) << reply.out;

  std::ofstream(work_ + "/answer.txt") << "MARKER-T2 Yes, Tuesday after my shift.";
  auto answer = Client({"followup", "--code-file", work_ + "/code.txt", "--message-file", work_ + "/answer.txt"});
  ASSERT_EQ(answer.exit_code, 0) << answer.err;
  EXPECT_NE(answer.out.find("MARKER-T1 Thank you"), std::string::npos) << answer.out;
  EXPECT_NE(answer.out.find("moved the case to acknowledged"), std::string::npos) << answer.out;
  EXPECT_NE(answer.out.find("Sent as message 3"), std::string::npos) << answer.out;

  auto read = Client({"cases", "show", r.report_id, "--account", "guardian", "--key", org_->guardian_key,
                      "--passphrase-file", org_->guardian_passphrase});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_NE(read.out.find("MARKER-T2 Yes, Tuesday"), std::string::npos) << read.out;
  EXPECT_NE(read.out.find("MARKER-T1 Thank you"), std::string::npos) << read.out;

  std::ofstream(work_ + "/note.txt") << "MARKER-T3 spoke to the ward manager";
  auto note = cases({"note", r.report_id, "--message-file", work_ + "/note.txt"});
  ASSERT_EQ(note.exit_code, 0) << note.err;
  auto classify = cases({"classify", r.report_id, "--elements", "bullying-harassment,detriment", "--feedback", "yes",
                         "--speak-up-again", "yes"});
  ASSERT_EQ(classify.exit_code, 0) << classify.err;
  EXPECT_EQ(cases({"status", r.report_id, "--to", "in-progress"}).exit_code, 0);
  auto closed = cases({"close", r.report_id, "--outcome", "resolved"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_NE(closed.out.find("Status: closed"), std::string::npos) << closed.out;
  auto shown = cases({"show", r.report_id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Status: closed (outcome: resolved)"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("MARKER-T3 spoke to the ward manager"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("bullying-harassment detriment"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("WARNING"), std::string::npos) << shown.out;

  // The reporter sees the outcome, not the Guardians' note or classification.
  auto outcome = Client({"followup", "--code-file", work_ + "/code.txt"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("moved the case to closed (outcome: resolved)"), std::string::npos) << outcome.out;
  EXPECT_EQ(outcome.out.find("MARKER-T3"), std::string::npos) << outcome.out;
  EXPECT_EQ(outcome.out.find("classified"), std::string::npos) << outcome.out;

  // A wrong code: the same answer as a code that never existed.
  std::string wrong = r.receipt_code;
  wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
  std::ofstream(work_ + "/wrong.txt") << wrong << "\n";
  auto refused = Client({"followup", "--code-file", work_ + "/wrong.txt"});
  EXPECT_EQ(refused.exit_code, 1);

  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0) << ReadWholeFile(server_.log);
  std::string canonical_code = r.receipt_code;
  canonical_code.erase(std::remove(canonical_code.begin(), canonical_code.end(), '-'), canonical_code.end());
  std::vector<std::string> markers = {"MARKER-", r.receipt_code, canonical_code};
  for (const std::string& secret : StaffSecrets()) markers.push_back(secret);
  EXPECT_EQ(Found(ReadWholeFile(server_.log), markers), std::vector<std::string>{});
  for (const auto& entry : fs::recursive_directory_iterator(data_)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(Found(ReadWholeFile(entry.path()), markers), std::vector<std::string>{}) << entry.path();
    }
  }
  auto store = storage::RocksDbReportStore::Open(data_);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)
                  ->ForEachRawRecord([&](std::string_view cf, std::string_view key, std::string_view value) {
                    std::string both = std::string(key) + '\0' + std::string(value);
                    EXPECT_EQ(Found(both, markers), std::vector<std::string>{}) << cf;
                  })
                  .ok());
}

// Whoever holds the data dir rolls a case back by dropping its newest entry.
// What is left is a valid chain, so only a client that remembers the newest
// entry it saw can tell: the Guardian's does by default, the reporter's with
// --remember. A reporter who keeps nothing (the default, so that nothing on
// a shared computer shows a report) still reads the shorter thread: the
// limit docs/THREAT_MODEL.md states.
TEST_F(EndToEndTest, ClientsThatRememberACaseRefuseItWhenItsNewestEntryIsWithheld) {
  Submitted r = Report({"--kind", "bullying", "--characteristic", "age", "--source", "manager", "--department", "3",
                        "--what", "MARKER-H0 I am left off the training rota"});
  std::ofstream(work_ + "/code.txt") << r.receipt_code << "\n";
  const std::string kept_file = work_ + "/usb/candour-heads";
  const auto followup = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"followup", "--code-file", work_ + "/code.txt"});
    return Client(args);
  };
  const auto cases = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "cases");
    args.insert(args.end(),
                {"--account", "guardian", "--key", org_->guardian_key, "--passphrase-file", org_->guardian_passphrase});
    return Client(args);
  };
  // Without --remember, following up leaves this machine's files as they were.
  const auto client_files = [&] {
    std::map<std::string, std::string> files;
    for (const auto& file : fs::directory_iterator(work_)) {
      if (file.is_regular_file() && file.path().extension() != ".log") {
        files[file.path().string()] = ReadWholeFile(file.path());
      }
    }
    return files;
  };
  const std::map<std::string, std::string> before = client_files();
  auto plain = followup({});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(client_files(), before);

  EnsureGuardianAccount();
  std::ofstream(work_ + "/reply1.txt") << "MARKER-H1 Thank you for telling us. Can we talk?";
  auto first = cases({"reply", r.report_id, "--message-file", work_ + "/reply1.txt"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::ofstream(work_ + "/answer.txt") << "MARKER-H2 Yes, on Monday.";
  auto answer = followup({"--message-file", work_ + "/answer.txt", "--remember", kept_file});
  ASSERT_EQ(answer.exit_code, 0) << answer.err;
  EXPECT_NE(answer.out.find("Sent as message 2"), std::string::npos) << answer.out;
  std::ofstream(work_ + "/reply2.txt") << "MARKER-H3 Monday at ten, in the chapel.";
  auto second = cases({"reply", r.report_id, "--message-file", work_ + "/reply2.txt"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("Reply sent as entry 3"), std::string::npos) << second.out;
  auto seen = followup({"--remember", kept_file});
  ASSERT_EQ(seen.exit_code, 0) << seen.err;
  EXPECT_NE(seen.out.find("MARKER-H3 Monday at ten"), std::string::npos) << seen.out;

  // The reporter's file names the report and its entry, never the code.
  const std::string kept = ReadWholeFile(kept_file);
  EXPECT_TRUE(std::regex_match(kept, std::regex(r.report_id + " 3 [0-9a-f]{64}\n"))) << kept;
  std::string bare_code = r.receipt_code;
  bare_code.erase(std::remove(bare_code.begin(), bare_code.end(), '-'), bare_code.end());
  EXPECT_EQ(Found(kept, {r.receipt_code, bare_code}), std::vector<std::string>{});
  // The Guardian's client remembers the entry it wrote itself.
  EXPECT_NE(ReadWholeFile(work_ + "/case-heads").find(r.report_id + " 3 "), std::string::npos);

  server_.process->Signal(SIGTERM);
  ASSERT_EQ(server_.process->Wait(), 0) << ReadWholeFile(server_.log);
  {
    RawDb db(data_);
    ASSERT_TRUE(db.ok());
    const std::string newest = storage::schema::ThreadEntryKey(absl::HexStringToBytes(r.report_id), 3);
    ASSERT_FALSE(db.Get(storage::schema::kThreadCf, newest).empty());
    db.Delete(storage::schema::kThreadCf, newest);
  }
  const std::string address = server_.address;
  server_ = StartServer(*org_, data_, work_ + "/candourd-rolled-back.log", {"--listen", address});
  ASSERT_EQ(server_.address, address);

  const std::string withheld =
      "candour: error: the server now shows 2 entries of this case, but this client has seen 3: entries were "
      "withheld or rewritten";
  const std::string hint = "candour: hint: the server is not showing this case's thread as it was";
  auto shown = cases({"show", r.report_id});
  EXPECT_EQ(shown.exit_code, 1);
  EXPECT_NE(shown.err.find(withheld), std::string::npos) << shown.err;
  EXPECT_NE(shown.err.find(hint), std::string::npos) << shown.err;
  EXPECT_EQ(shown.out.find("MARKER-H"), std::string::npos) << shown.out;
  auto note = cases({"note", r.report_id, "--message-file", work_ + "/reply2.txt"});
  EXPECT_EQ(note.exit_code, 1);
  EXPECT_NE(note.err.find(withheld), std::string::npos) << note.err;

  auto reporter = followup({"--remember", kept_file});
  EXPECT_EQ(reporter.exit_code, 1);
  EXPECT_NE(reporter.err.find(withheld), std::string::npos) << reporter.err;
  EXPECT_NE(reporter.err.find(hint), std::string::npos) << reporter.err;
  EXPECT_EQ(reporter.out.find("MARKER-H"), std::string::npos) << reporter.out;
  EXPECT_EQ(ReadWholeFile(kept_file), kept);  // a refusal moves nothing back

  // A reporter who keeps nothing cannot tell.
  auto unaware = followup({});
  ASSERT_EQ(unaware.exit_code, 0) << unaware.err;
  EXPECT_NE(unaware.out.find("MARKER-H2 Yes, on Monday."), std::string::npos) << unaware.out;
  EXPECT_EQ(unaware.out.find("MARKER-H3"), std::string::npos) << unaware.out;
}

// The `text` of `field: "..."` in a protobuf text file, escapes and all.
std::string TextField(const std::string& text, const std::string& field) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(text, m, std::regex("\\n *" + field + ": (\"[^\\n]*\")\\n"))) << field;
  return m.size() > 1 ? m[1].str() : "\"\"";
}

TEST_F(EndToEndTest, AGuardianAddedLaterReadsAnOpenCaseAfterRewrap) {
  Submitted r = Report({"--kind", "bullying", "--characteristic", "disability", "--source", "manager",
                        "--department", "5", "--what", "MARKER-R0 my rota is changed whenever I ask for adjustments"});
  std::ofstream(work_ + "/code.txt") << r.receipt_code << "\n";
  EnsureGuardianAccount();

  // A second Guardian joins: their keys, a new aggregation key for both, and
  // directory version 2 listing both, signed offline and published.
  const std::string second = work_ + "/second";
  auto keygen = Client({"guardian", "keygen", "--name", "Second Guardian", "--out", second, "--passphrase-out",
                        second + ".pass"});
  ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  const std::string first_pub = org_->dir + "/guardian/test-guardian.pub";
  const std::string second_pub = second + "/second-guardian.pub";
  auto aggregation = Client({"guardian", "aggregation-key", "--recipients", first_pub, "--recipients", second_pub,
                             "--out", work_ + "/aggregation-2.txtpb"});
  ASSERT_EQ(aggregation.exit_code, 0) << aggregation.err;
  const std::string first_text = ReadWholeFile(first_pub);
  std::ofstream(work_ + "/version-2.txtpb") << "version: 2\nrelease_holder_key_id: " << TextField(first_text, "key_id")
                                            << "\nrelease_public_key: " << TextField(first_text, "ed25519_public_key")
                                            << "\n";
  auto sign = Client({"admin", "directory", "sign", org_->dir + "/org/directory.txtpb", "--include", first_pub,
                      "--include", second_pub, "--include", work_ + "/aggregation-2.txtpb", "--include",
                      work_ + "/version-2.txtpb", "--key", org_->org_key, "--passphrase-file", org_->org_passphrase,
                      "--out", work_ + "/directory-2.signed"});
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  ASSERT_EQ(Client({"admin", "directory", "publish", work_ + "/directory-2.signed"}).exit_code, 0);
  AddGuardianAccount("second", second + ".pass");
  const auto as = [&](const std::string& account, const std::string& key, const std::string& pass,
                      std::vector<std::string> args) {
    args.insert(args.begin(), "cases");
    args.insert(args.end(), {"--account", account, "--key", key, "--passphrase-file", pass});
    return Client(args);
  };
  const auto as_first = [&](std::vector<std::string> args) {
    return as("guardian", org_->guardian_key, org_->guardian_passphrase, std::move(args));
  };
  const auto as_second = [&](std::vector<std::string> args) {
    return as("second", second + "/second-guardian.key", second + ".pass", std::move(args));
  };

  // Until a Guardian who holds the case re-wraps it, the newcomer cannot open it.
  auto not_yet = as_second({"show", r.report_id});
  EXPECT_EQ(not_yet.exit_code, 1);
  EXPECT_NE(not_yet.err.find("no case-key record"), std::string::npos) << not_yet.err;
  auto rewrap = as_first({"rewrap"});
  ASSERT_EQ(rewrap.exit_code, 0) << rewrap.err;
  EXPECT_NE(rewrap.out.find(r.report_id + ": gave the key to Second Guardian ("), std::string::npos) << rewrap.out;
  EXPECT_NE(rewrap.out.find("1 case(s), 0 not re-wrapped."), std::string::npos) << rewrap.out;

  auto shown = as_second({"show", r.report_id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("MARKER-R0 my rota"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("Test Guardian gave the case key to key "), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("ERROR"), std::string::npos) << shown.out;
  std::ofstream(work_ + "/reply.txt") << "MARKER-R1 I have taken over your case from today.";
  auto reply = as_second({"reply", r.report_id, "--message-file", work_ + "/reply.txt"});
  ASSERT_EQ(reply.exit_code, 0) << reply.err;
  auto reporter = Client({"followup", "--code-file", work_ + "/code.txt"});
  ASSERT_EQ(reporter.exit_code, 0) << reporter.err;
  EXPECT_NE(reporter.out.find("Second Guardian:\nMARKER-R1 I have taken over"), std::string::npos) << reporter.out;
  EXPECT_EQ(reporter.out.find("case key"), std::string::npos) << reporter.out;  // a staff-only entry

  // Nothing left to do; a second run says so and writes nothing.
  auto again = as_second({"rewrap", r.report_id});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("every recipient of the directory already holds the key"), std::string::npos) << again.out;
  auto help = Client({"cases", "rewrap", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("candour guardian aggregation-key"), std::string::npos) << help.out;
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

TEST_F(EndToEndTest, AdminRecipientsListsWhoCanReadReportsByTheVerifiedDirectory) {
  auto listed = Client({"admin", "recipients"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("Directory version 1 of Test Trust main, verified against your pin."), std::string::npos)
      << listed.out;
  EXPECT_TRUE(std::regex_search(listed.out, std::regex("\n  [0-9a-f]{32}  guardian +Test Guardian"))) << listed.out;
  EXPECT_TRUE(std::regex_search(listed.out, std::regex("Admins \\(sign audit checkpoints\\):\n  [0-9a-f]{32}  Test Admin\n")))
      << listed.out;
  EXPECT_EQ(listed.out.find("Departments"), std::string::npos) << listed.out;

  // Against another organisation's pin it shows nothing.
  std::string other_pin = org_->fingerprint;
  other_pin[0] = other_pin[0] == 'a' ? 'b' : 'a';
  std::ofstream(work_ + "/candour.conf") << "server = " << server_.address << "\npin = " << other_pin
                                         << "\nstate_file = " << work_ << "/client-state\n";
  auto refused = Client({"admin", "recipients"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(refused.out.empty()) << refused.out;
  EXPECT_NE(refused.err.find("pin"), std::string::npos) << refused.err;
}

TEST_F(EndToEndTest, ClientRefusesRolledBackDirectory) {
  auto renew = Client({"admin", "directory", "renew", "--key", org_->org_key, "--passphrase-file", org_->org_passphrase});
  ASSERT_EQ(renew.exit_code, 0) << renew.err;
  auto show = Client({"admin", "directory", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("version 2"), std::string::npos) << show.out;

  // A second server that only has version 1 plays a server rolling back.
  Server old = StartServer(*org_, work_ + "/var-old", work_ + "/old.log");
  WriteClientConfig(old.address);
  ASSERT_EQ(Client({"admin", "directory", "publish", org_->signed_directory}).exit_code, 0);
  auto refused = Client({"report", "--kind", "other", "--characteristic", "sex", "--source", "other",
                         "--department", "3", "--when", ThisMonth(), "--wants", "record-only", "--what", "x"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("candour: error: directory version 1 is older than version 2"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("candour: hint:"), std::string::npos);
}

TEST_F(EndToEndTest, ClientRefusesDirectoryOfAnotherOrganisation) {
  Organisation other = MakeOrganisation("impostor");
  Server impostor = StartServer(other, work_ + "/var-impostor", work_ + "/impostor.log");
  WriteClientConfig(impostor.address);  // still pinned to the real organisation
  auto publish = Client({"admin", "directory", "publish", other.signed_directory});
  ASSERT_EQ(publish.exit_code, 0) << publish.err;
  auto refused = Client({"admin", "directory", "show"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("candour: error:"), std::string::npos);
  EXPECT_NE(refused.err.find("fingerprint"), std::string::npos) << refused.err;
}

TEST_F(EndToEndTest, UnknownDepartmentIsRejectedWithAHintAndNothingSent) {
  auto r = Client({"report", "--kind", "bullying", "--characteristic", "age", "--source", "manager", "--department",
                   "999", "--when", ThisMonth(), "--wants", "record-only", "--what", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("candour: error: department: 999 is not a department in the directory"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("candour: hint:"), std::string::npos);
}

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
