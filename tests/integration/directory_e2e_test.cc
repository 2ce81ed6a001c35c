// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The signed directory through the real CLI and candourd: who can read
// reports, refusals of a rolled-back directory and of another
// organisation's, and a new version adding a Guardian who then reads an
// open case after `candour cases rewrap`.
#include <fstream>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"

namespace candour::testing {
namespace {

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

}  // namespace
}  // namespace candour::testing
