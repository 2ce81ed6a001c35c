// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/integration/end_to_end_fixture.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "core/period.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

// Removes RunRoot() when every test passed; keeps it for reading when one failed.
class CleanUpRunRoot : public ::testing::Environment {
 public:
  void TearDown() override {
    if (::testing::UnitTest::GetInstance()->Passed()) fs::remove_all(RunRoot());
  }
};
const auto* const kCleanUp = ::testing::AddGlobalTestEnvironment(new CleanUpRunRoot);

}  // namespace

std::string ThisMonth() {
  core::CivilDate d = core::CivilFromDay(core::TodayInLondon());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

std::string RunRoot() { return ::testing::TempDir() + "/candour_e2e_" + std::to_string(getpid()); }

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

Server StartServer(const Organisation& org, const std::string& data_dir, const std::string& log,
                   std::vector<std::string> extra, std::string host) {
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

std::vector<std::string> Found(const std::string& haystack, const std::vector<std::string>& markers) {
  std::vector<std::string> found;
  for (const auto& m : markers) {
    if (haystack.find(m) != std::string::npos) found.push_back(m);
  }
  return found;
}

Organisation* EndToEndTest::org_ = nullptr;

void EndToEndTest::SetUpTestSuite() { org_ = new Organisation(MakeOrganisation("main")); }

void EndToEndTest::TearDownTestSuite() {
  delete org_;
  org_ = nullptr;
}

void EndToEndTest::SetUp() {
  work_ = MakeDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  data_ = work_ + "/var";
  // The first admin's invitation is made on the host before candourd runs.
  // (Qualified: ::testing::Test has a member named Run.)
  auto bootstrap = testing::Run(
      {kServer, "admin", "bootstrap", "--name", "admin", "--config", org_->org_pub, "--data-dir", data_}, work_);
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

void EndToEndTest::WriteClientConfig(const std::string& address) {
  std::ofstream(work_ + "/candour.conf") << "server = " << address << "\npin = " << org_->fingerprint
                                         << "\nstate_file = " << work_ << "/client-state\n";
}

RunResult EndToEndTest::Client(std::vector<std::string> args) {
  args.insert(args.begin(), {"--config", work_ + "/candour.conf"});
  return Cli(args, work_);
}

EndToEndTest::Submitted EndToEndTest::Report(std::vector<std::string> args) {
  std::vector<std::string> full = {"report", "--when", ThisMonth(), "--wants", "talk-to-guardian"};
  full.insert(full.end(), args.begin(), args.end());
  auto r = Client(full);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::smatch id, code;
  EXPECT_TRUE(std::regex_search(r.out, id, std::regex("Report id: +([0-9a-f]{32})"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, code, std::regex("Receipt code: +([0-9A-Z-]{34})"))) << r.out;
  return {id.size() > 1 ? id[1].str() : "", code.size() > 1 ? code[1].str() : ""};
}

std::string EndToEndTest::InvitationCode(const std::string& out) {
  std::smatch code;
  EXPECT_TRUE(std::regex_search(out, code, std::regex("\\n    ([0-9a-z]{5}(-[0-9a-z]{5}){3})\\n"))) << out;
  return code.size() > 1 ? code[1].str() : "";
}

void EndToEndTest::EnsureGuardianAccount() {
  if (guardian_ready_) return;
  admin_passphrase_ = work_ + "/admin.pass";
  std::ofstream(work_ + "/admin.code") << admin_invitation_ << "\n";
  auto admin = Client({"account", "accept", "--name", "admin", "--code-file", work_ + "/admin.code",
                       "--passphrase-out", admin_passphrase_});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  guardian_invitation_ = AddGuardianAccount("guardian", org_->guardian_passphrase);
  guardian_ready_ = true;
}

std::string EndToEndTest::AddGuardianAccount(const std::string& name, const std::string& passphrase_file) {
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

std::vector<std::string> EndToEndTest::StaffSecrets() {
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

RunResult EndToEndTest::Decrypt(const std::string& report_id) {
  EnsureGuardianAccount();
  return Client({"guardian", "decrypt", report_id, "--account", "guardian", "--key", org_->guardian_key,
                 "--passphrase-file", org_->guardian_passphrase});
}

}  // namespace candour::testing
