// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Casework through the real CLI and candourd: an anonymous reporter and the
// Guardian talk with only the receipt code, and clients that remember a
// case refuse it when the server withholds its newest entry.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "storage/rocksdb_report_store.h"
#include "storage/schema.h"
#include "tests/integration/end_to_end_fixture.h"
#include "tests/integration/process.h"
#include "tests/testing/raw_db.h"

namespace candour::testing {
namespace {

namespace fs = std::filesystem;

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

}  // namespace
}  // namespace candour::testing
