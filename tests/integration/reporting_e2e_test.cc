// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Reporting through the real CLI and candourd: reports open only for the
// Guardian and leave no plaintext behind, the interactive form, durability
// across SIGKILL, and a department the directory does not list.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

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

TEST_F(EndToEndTest, UnknownDepartmentIsRejectedWithAHintAndNothingSent) {
  auto r = Client({"report", "--kind", "bullying", "--characteristic", "age", "--source", "manager", "--department",
                   "999", "--when", ThisMonth(), "--wants", "record-only", "--what", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("candour: error: department: 999 is not a department in the directory"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("candour: hint:"), std::string::npos);
}

}  // namespace
}  // namespace candour::testing
