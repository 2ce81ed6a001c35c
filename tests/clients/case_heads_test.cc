// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The per-case memory of the newest thread entry, against real files in a
// temp dir: a thread that grows is accepted and remembered; one that ends
// before the remembered entry, or holds another entry in its place, is
// refused; the remembered head never moves back; a damaged file is an error.
#include "clients/case_heads.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/ascii.h"
#include "clients/cli.h"
#include "crypto/bytes.h"
#include "tests/testing/temp_dir.h"

namespace candour::clients {
namespace {

using candour::testing::ScopedTempDir;
using Code = absl::StatusCode;

const std::string kCase(16, 'c');
const std::string kOtherCase(16, 'o');

// An entry hash: 32 bytes, distinct per sequence and per version of the thread.
std::string Hash(uint32_t sequence, char version = 'a') {
  return std::string(28, version) + std::string(reinterpret_cast<const char*>(&sequence), 4);
}

// A thread that verified to its end with entries 1..n of `version`.
VerifiedThread Thread(uint32_t n, char version = 'a') {
  VerifiedThread thread;
  for (uint32_t s = 1; s <= n; ++s) {
    ThreadItem item;
    item.sequence = s;
    item.hash = Hash(s, version);
    thread.items.push_back(std::move(item));
  }
  thread.next_sequence = n + 1;
  return thread;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class CaseHeadsTest : public ::testing::Test {
 protected:
  absl::Status Check(uint32_t n, char version = 'a', const std::string& report_id = kCase) {
    return CaseHeads(state_file_).Check(report_id, Thread(n, version));
  }
  CaseHead Remembered(const std::string& report_id = kCase) const {
    absl::StatusOr<CaseHead> head = CaseHeads(state_file_).Remembered(report_id);
    EXPECT_TRUE(head.ok()) << head.status();
    return head.ok() ? *head : CaseHead();
  }

  ScopedTempDir dir_{"candour_case_heads"};
  const std::string state_file_ = dir_.path() + "/state/case-heads";
};

TEST_F(CaseHeadsTest, RemembersTheNewestEntryOfEachCaseUserOnly) {
  ASSERT_TRUE(Check(0).ok());
  EXPECT_FALSE(std::filesystem::exists(state_file_));  // nothing seen, nothing written
  ASSERT_TRUE(Check(3).ok());
  ASSERT_TRUE(Check(1, 'x', kOtherCase).ok());
  EXPECT_EQ(Remembered().sequence, 3u);
  EXPECT_EQ(Remembered().hash, Hash(3));
  EXPECT_EQ(Remembered(kOtherCase).sequence, 1u);
  EXPECT_EQ(Remembered(std::string(16, 'n')).sequence, 0u);

  // The format PROTOCOL.md §16 gives: report id, sequence, entry hash.
  EXPECT_EQ(ReadAll(state_file_), crypto::HexEncode(kCase) + " 3 " + crypto::HexEncode(Hash(3)) + "\n" +
                                      crypto::HexEncode(kOtherCase) + " 1 " + crypto::HexEncode(Hash(1, 'x')) + "\n");
  struct stat info {};
  ASSERT_EQ(stat(state_file_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(CaseHeadsTest, AcceptsAThreadThatGrewAndMovesTheHeadOn) {
  ASSERT_TRUE(Check(2).ok());
  ASSERT_TRUE(Check(2).ok());
  ASSERT_TRUE(Check(5).ok());
  EXPECT_EQ(Remembered().sequence, 5u);
  EXPECT_EQ(Remembered().hash, Hash(5));
}

TEST_F(CaseHeadsTest, RefusesAThreadShorterThanTheOneSeen) {
  ASSERT_TRUE(Check(5).ok());
  for (uint32_t n : {0u, 3u, 4u}) {
    absl::Status s = Check(n);
    EXPECT_EQ(s.code(), Code::kDataLoss) << n;
    EXPECT_NE(s.message().find("but this client has seen 5: entries were withheld or rewritten"), std::string::npos)
        << s.message();
    EXPECT_NE(HintOf(s).find(state_file_), std::string::npos) << HintOf(s);
  }
  EXPECT_EQ(Check(3).message(),
            "the server now shows 3 entries of this case, but this client has seen 5: entries were withheld or "
            "rewritten");
  EXPECT_EQ(Remembered().sequence, 5u);  // a refusal forgets nothing
  EXPECT_EQ(Remembered().hash, Hash(5));
}

TEST_F(CaseHeadsTest, RefusesAnotherEntryAtTheSequenceSeen) {
  ASSERT_TRUE(Check(3).ok());
  // Entry 3 withheld and another written in its place (then more after it).
  for (uint32_t n : {3u, 6u}) {
    absl::Status s = Check(n, 'b');
    EXPECT_EQ(s.code(), Code::kDataLoss) << n;
    EXPECT_EQ(s.message(),
              "entry 3 of this case is not the one this client saw: the thread was rewritten from there on");
    EXPECT_NE(HintOf(s).find("remove this case's line from " + state_file_), std::string::npos) << HintOf(s);
  }
  EXPECT_EQ(Remembered().hash, Hash(3));
}

TEST_F(CaseHeadsTest, NeverMovesTheHeadBack) {
  CaseHeads heads(state_file_);
  ASSERT_TRUE(heads.Remember(kCase, {5, Hash(5)}).ok());
  ASSERT_TRUE(heads.Remember(kCase, {3, Hash(3)}).ok());
  ASSERT_TRUE(heads.Remember(kCase, {5, Hash(5, 'b')}).ok());
  EXPECT_EQ(Remembered().sequence, 5u);
  EXPECT_EQ(Remembered().hash, Hash(5));
  ASSERT_TRUE(heads.Remember(kCase, {6, Hash(6)}).ok());  // an entry this client wrote
  EXPECT_EQ(Remembered().sequence, 6u);
  EXPECT_EQ(Check(5).code(), Code::kDataLoss);
}

TEST_F(CaseHeadsTest, DoesNotCheckAThreadThatDidNotVerify) {
  ASSERT_TRUE(Check(2).ok());
  VerifiedThread broken = Thread(4);
  broken.problem = absl::DataLossError("entry 5 of the thread fails its checks");
  EXPECT_EQ(CaseHeads(state_file_).Check(kCase, broken).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Remembered().sequence, 2u);
}

TEST_F(CaseHeadsTest, KeepsNothingWithoutAFile) {
  CaseHeads none("");
  ASSERT_TRUE(none.Check(kCase, Thread(4)).ok());
  ASSERT_TRUE(none.Check(kCase, Thread(1)).ok());
  EXPECT_EQ(none.Remembered(kCase)->sequence, 0u);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
}

TEST_F(CaseHeadsTest, RejectsADamagedFileAndLeavesItAsItWas) {
  const std::string id = crypto::HexEncode(kCase);
  const std::string hash = crypto::HexEncode(Hash(2, 'z'));  // "7a7a...": letters to upper-case
  const std::string good = id + " 2 " + hash + "\n";
  const std::vector<std::string> damaged = {
      "garbage\n",
      id + " 2\n",                                            // a field missing
      id + " 2 " + hash + " 9\n",                             // one too many
      id + "  2 " + hash + "\n",                              // two spaces
      id.substr(2) + " 2 " + hash + "\n",                     // a short report id
      id + " 2 " + hash.substr(2) + "\n",                     // a short hash
      id + " 2 " + std::string(64, 'z') + "\n",               // not hex
      id + " 0 " + hash + "\n",                               // sequence 0
      id + " -1 " + hash + "\n",                              // negative
      id + " 2x " + hash + "\n",                              // not a number
      id + " 4294967296 " + hash + "\n",                      // past u32
      id + " 02 " + hash + "\n",                              // a leading zero
      id + " +2 " + hash + "\n",                              // a sign
      id + " 2\t" + hash + "\n",                              // a tab
      id + " 2 " + absl::AsciiStrToUpper(hash) + "\n",        // upper case
      id + " 2 " + hash + "\r\n",                             // CR LF
      good + "\n",                                            // an empty line
      good + id + " 3 " + crypto::HexEncode(Hash(3)) + "\n",  // a case twice
  };
  for (const std::string& text : damaged) {
    std::filesystem::create_directories(dir_.path() + "/state");
    std::ofstream(state_file_, std::ios::trunc) << text;
    CaseHeads heads(state_file_);
    EXPECT_EQ(heads.Check(kCase, Thread(5)).code(), Code::kDataLoss) << text;
    EXPECT_EQ(heads.Remembered(kOtherCase).status().code(), Code::kDataLoss) << text;
    EXPECT_EQ(heads.Remember(kOtherCase, {1, Hash(1)}).code(), Code::kDataLoss) << text;
    absl::Status s = heads.Check(kCase, Thread(5));
    EXPECT_NE(s.message().find("case heads file " + state_file_ + " is corrupt"), std::string::npos) << s.message();
    EXPECT_FALSE(HintOf(s).empty());
    EXPECT_EQ(ReadAll(state_file_), text);
  }
  std::ofstream(state_file_, std::ios::trunc) << good;
  EXPECT_TRUE(Check(5, 'z').ok());  // the same file, undamaged, is read
  EXPECT_EQ(Check(5).code(), Code::kDataLoss);
}

}  // namespace
}  // namespace candour::clients
