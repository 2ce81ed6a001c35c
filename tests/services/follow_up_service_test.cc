// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// The reporter's way back in under a guessing flood, through the real server
// (CandourServer over RocksDB, gRPC on 127.0.0.1), as issue 4's acceptance
// point 5 asks: a wrong receipt code gets the same status and message as one
// never issued; guesses are limited (RESOURCE_EXHAUSTED); and the real code
// still works for its reporter, on its own connection, while the flood goes
// on.
//
// What the server can and cannot tell apart here: the limiter keys a
// connection by its peer address without the port, and every connection in
// this test comes from 127.0.0.1. So the flooders and the reporter share one
// miss budget, and the test cannot show the reporter's own budget untouched;
// what it shows is what the design promises for that case (a ward's NAT, the
// web gateway): a hit is answered before any budget is consulted, so the
// reporter gets in although the shared budget is spent.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "clients/intake_client.h"
#include "crypto/envelope.h"
#include "crypto/receipt.h"
#include "crypto/thread_entry.h"
#include "tests/testing/in_process_server.h"
#include "tests/testing/rocksdb_snapshot.h"
#include "tests/testing/test_org.h"

namespace candour::services {
namespace {

using candour::testing::InProcessServer;
using candour::testing::ScopedTempDir;
using candour::testing::TestOrg;
using Code = absl::StatusCode;
using namespace std::chrono_literals;

constexpr std::chrono::seconds kDeadline(10);
constexpr int kFlooders = 2;
// Bounds on the flood, whatever happens: it stops when the reporter is done,
// and at the latest after this many requests per thread or this long.
constexpr int kMaxFloodRequests = 5000;
constexpr auto kMaxFloodTime = 30s;

std::string View(const crypto::SecretKey<32>& key) {
  return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

std::string RandomLookup() {
  std::string lookup(32, '\0');
  randombytes_buf(lookup.data(), lookup.size());
  return lookup;
}

// A code the reporter's client would accept (right length, version and
// check character) that differs from `code` in one data character: a typo
// the check character does not catch.
crypto::ReceiptCode Mistyped(const crypto::ReceiptCode& code) {
  std::string text(code.canonical());
  text[5] = text[5] == 'A' ? 'B' : 'A';
  for (char check : crypto::kReceiptAlphabet) {
    text.back() = check;
    absl::StatusOr<crypto::ReceiptCode> parsed = crypto::ReceiptCode::Parse(text);
    if (parsed.ok()) return *std::move(parsed);
  }
  ADD_FAILURE() << "no check character makes the changed code parse";
  return crypto::ReceiptCode::Generate();
}

class FollowUpFloodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = InProcessServer::Start(dir_.path(), org_.organisation_public_key());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    const candour::v1::SignedDirectory v1 = org_.SignedDirectory(1);
    clients::AdminClient admin(server_->channel(), kDeadline);
    ASSERT_TRUE(admin.PublishDirectory(v1).ok());
    submission_ = org_.MakeSubmissionFor(code_, v1);
    clients::IntakeClient intake(server_->channel(), kDeadline);
    ASSERT_TRUE(intake.SubmitReport(submission_).ok());
  }

  // A channel with a TCP connection of its own: gRPC otherwise shares one
  // connection between channels to the same address with the same settings.
  std::shared_ptr<grpc::Channel> OwnConnection() const {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args);
  }

  // The reporter's next message, signed with the receipt's key and chained
  // to the envelope (the thread is empty).
  candour::v1::ThreadEntry FirstReporterEntry(const std::string& text) const {
    const std::string& report_id = submission_.envelope().report_id();
    auto view_key = crypto::OpenViewKey(submission_.receipt().sealed_view_key(), report_id, receipt_.box);
    EXPECT_TRUE(view_key.ok()) << view_key.status();
    const crypto::ThreadKeys keys = crypto::ThreadKeys::FromViewKey(*std::move(view_key));
    crypto::EntryHeader header{report_id, 1, candour::v1::ENTRY_KIND_REPORTER_MESSAGE,
                               crypto::EnvelopeHash(submission_.envelope(), org_.organisation_id()), ""};
    candour::v1::EntryContent content;
    content.set_text(text);
    auto entry = crypto::SealEntry(header, content, keys, receipt_.sign,
                                   crypto::SigningKeyId(receipt_.sign.public_key), org_.organisation_id());
    EXPECT_TRUE(entry.ok()) << entry.status();
    return entry.value_or(candour::v1::ThreadEntry());
  }

  static const TestOrg org_;  // keys are the slow part
  ScopedTempDir dir_{"candour_flood"};
  std::unique_ptr<InProcessServer> server_;
  const crypto::ReceiptCode code_ = crypto::ReceiptCode::Generate();
  const crypto::ReceiptKeys receipt_ = crypto::DeriveReceiptKeys(code_);
  candour::v1::SubmitReportRequest submission_;
};

const TestOrg FollowUpFloodTest::org_(1);

// Both RPCs, with a lookup that misses: the status each one answers.
std::vector<absl::Status> Misses(clients::IntakeClient& intake, const std::string& lookup) {
  return {intake.GetCase(lookup).status(), intake.AddFollowUp(lookup, candour::v1::ThreadEntry()).status()};
}

TEST_F(FollowUpFloodTest, ARealCodeGetsItsCaseDuringAGuessingFlood) {
  clients::IntakeClient reporter(OwnConnection(), kDeadline);
  const std::string wrong = View(crypto::DeriveReceiptKeys(Mistyped(code_)).lookup);
  const std::string never_issued = View(crypto::DeriveReceiptKeys(crypto::ReceiptCode::Generate()).lookup);

  // Before the flood: a mistyped code and one never issued are the same miss.
  for (const absl::Status& miss : Misses(reporter, wrong)) {
    EXPECT_EQ(miss.code(), Code::kNotFound) << miss;
  }
  EXPECT_EQ(Misses(reporter, wrong), Misses(reporter, never_issued));

  const candour::testing::DbSnapshot before = candour::testing::Snapshot(server_->store());
  std::atomic<bool> stop{false};
  std::atomic<int> flood_requests{0};
  std::atomic<int> exhausted{0};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> flooders;
  for (int t = 0; t < kFlooders; ++t) {
    flooders.emplace_back([&, t] {
      clients::IntakeClient guesser(OwnConnection(), kDeadline);
      const auto end = std::chrono::steady_clock::now() + kMaxFloodTime;
      for (int i = 0; i < kMaxFloodRequests && !stop.load() && std::chrono::steady_clock::now() < end; ++i) {
        const std::string lookup = RandomLookup();
        const absl::Status status = (i + t) % 2 == 0 ? guesser.GetCase(lookup).status()
                                                     : guesser.AddFollowUp(lookup, candour::v1::ThreadEntry()).status();
        ++flood_requests;
        if (status.code() == Code::kResourceExhausted) {
          ++exhausted;
        } else if (status.code() != Code::kNotFound) {
          ++unexpected;
        }
      }
    });
  }
  const auto flood_deadline = std::chrono::steady_clock::now() + kMaxFloodTime;
  while (exhausted.load() == 0 && std::chrono::steady_clock::now() < flood_deadline) std::this_thread::sleep_for(1ms);
  ASSERT_GT(exhausted.load(), 0) << "the flood was never limited";

  // During the flood, on the reporter's own connection: the real code reads
  // its case every time, and adds a message.
  const int flood_before = flood_requests.load();
  for (int i = 0; i < 20; ++i) {
    absl::StatusOr<candour::v1::GetCaseResponse> found = reporter.GetCase(View(receipt_.lookup));
    ASSERT_TRUE(found.ok()) << i << ": " << found.status();
    EXPECT_EQ(found->envelope().report_id(), submission_.envelope().report_id());
    EXPECT_EQ(found->sealed_view_key(), submission_.receipt().sealed_view_key());
  }
  absl::StatusOr<candour::v1::AddFollowUpResponse> added =
      reporter.AddFollowUp(View(receipt_.lookup), FirstReporterEntry("still here"));
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->sequence(), 1u);
  // The reporter's misses meanwhile: limited, and still one answer for both kinds.
  const std::vector<absl::Status> wrong_during = Misses(reporter, wrong);
  for (const absl::Status& miss : wrong_during) EXPECT_EQ(miss.code(), Code::kResourceExhausted) << miss;
  EXPECT_EQ(wrong_during, Misses(reporter, never_issued));
  const int flood_after = flood_requests.load();

  stop = true;
  for (std::thread& flooder : flooders) flooder.join();
  EXPECT_GT(flood_after, flood_before) << "the reporter's calls did not overlap the flood";
  EXPECT_EQ(unexpected.load(), 0) << "a guess got something other than NOT_FOUND or RESOURCE_EXHAUSTED";

  // Nothing about the guessers was stored: only the reporter's one entry.
  candour::testing::DbSnapshot after = candour::testing::Snapshot(server_->store());
  EXPECT_EQ(after.at("thread").size(), 1u);
  after.at("thread").clear();
  EXPECT_TRUE(after == before) << candour::testing::SnapshotDiff(before, after);
}

}  // namespace
}  // namespace candour::services
