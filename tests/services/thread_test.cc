// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Case threads end to end through the real server (RocksDB, gRPC on
// 127.0.0.1): a reporter with only the receipt code and a signed-in Guardian
// write to one thread; the server refuses entries out of order, off the
// chain, of the wrong kind, or signed by keys outside the directory; and
// entries altered straight in the database (unsigned, signed by another key,
// reordered, dropped) are reported as errors by both sides' clients, with the
// entries before the break still shown.
#include "tests/services/thread_fixture.h"

#include <functional>

namespace candour::services {
namespace {

using candour::testing::RawDb;
using Code = absl::StatusCode;
namespace schema = storage::schema;

TEST_F(ThreadTest, ReporterAndGuardianTalkThroughTheServer) {
  EXPECT_TRUE(ReporterView().items.empty());
  WriteThreeEntries();
  for (const char* side : {"reporter", "guardian"}) {
    clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
    ASSERT_TRUE(view.problem.ok()) << view.problem;
    ASSERT_EQ(view.items.size(), 3u);
    EXPECT_EQ(view.items[0].content.text(), "first");
    EXPECT_EQ(view.items[0].kind, candour::v1::ENTRY_KIND_REPORTER_MESSAGE);
    EXPECT_EQ(view.items[1].content.text(), "reply");
    EXPECT_EQ(view.items[1].kind, candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE);
    EXPECT_EQ(view.items[2].content.text(), "second");
  }
}

TEST_F(ThreadTest, ServerRefusesWhatDoesNotFitTheThreadAndChangesNothing) {
  WriteThreeEntries();
  const clients::VerifiedThread now = ReporterView();
  const crypto::RecipientKeys& g = org_.guardian(1);

  ThreadEntry stale = ReporterEntry("stale", now);
  stale.set_sequence(2);
  EXPECT_EQ(PostAsReporter(stale).code(), Code::kFailedPrecondition);  // sequence taken
  ThreadEntry off_chain = ReporterEntry("off chain", now);
  off_chain.set_previous_hash(std::string(32, 'x'));
  EXPECT_EQ(PostAsReporter(off_chain).code(), Code::kFailedPrecondition);
  EXPECT_EQ(PostAsGuardian(ReporterEntry("wrong door", now)).code(), Code::kInvalidArgument);
  EXPECT_EQ(PostAsReporter(GuardianEntry("wrong door", now, g.sign, g.key_id)).code(), Code::kInvalidArgument);
  const crypto::Ed25519KeyPair stranger = crypto::NewEd25519KeyPair();
  EXPECT_EQ(PostAsGuardian(GuardianEntry("stranger", now, stranger, std::string(16, 's'))).code(),
            Code::kPermissionDenied);
  EXPECT_EQ(PostAsGuardian(GuardianEntry("forged", now, stranger, g.key_id)).code(), Code::kUnauthenticated);
  ThreadEntry bad_quote = GuardianEntry("bad quote", now, g.sign, g.key_id);
  bad_quote.set_quoted_hash(std::string(32, 'q'));
  EXPECT_NE(PostAsGuardian(bad_quote).code(), Code::kOk);
  ThreadEntry other_report = ReporterEntry("other", now);
  other_report.set_report_id(std::string(16, 'o'));
  EXPECT_EQ(PostAsReporter(other_report).code(), Code::kPermissionDenied);
  ThreadEntry malformed = ReporterEntry("malformed", now);
  malformed.mutable_ciphertext()->push_back('x');
  EXPECT_EQ(PostAsReporter(malformed).code(), Code::kInvalidArgument);

  clients::IntakeClient intake(server_->channel(), kDeadline);
  EXPECT_EQ(intake.GetCase(std::string(32, 'w')).status().code(), Code::kNotFound);
  EXPECT_EQ(intake.GetCase("short").status().code(), Code::kInvalidArgument);

  const clients::VerifiedThread after = GuardianView();
  EXPECT_TRUE(after.problem.ok());
  EXPECT_EQ(after.items.size(), 3u);
}

TEST_F(ThreadTest, AFullThreadIsRefusedAndStaysReadable) {
  const std::string big(crypto::kMaxEntryTextBytes, 'b');
  absl::Status last;
  int posted = 0;
  for (; posted < 80; ++posted) {
    last = PostAsReporter(ReporterEntry(big, ReporterView()));
    if (!last.ok()) break;
  }
  EXPECT_EQ(last.code(), Code::kResourceExhausted) << last;
  EXPECT_GE(posted, 4);  // the test server allows 256 KiB messages: about five 32 KiB entries
  for (const char* side : {"reporter", "guardian"}) {
    clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
    EXPECT_TRUE(view.problem.ok()) << side << ": " << view.problem;
    EXPECT_EQ(view.items.size(), static_cast<size_t>(posted)) << side;
  }
}

TEST_F(ThreadTest, BothClientsReportEntriesAlteredInTheDatabase) {
  WriteThreeEntries();
  server_->Stop();
  server_.reset();
  const std::string key1 = schema::ThreadEntryKey(ReportId(), 1);
  const std::string key2 = schema::ThreadEntryKey(ReportId(), 2);
  std::string entry1, entry2;
  {
    RawDb db(dir_.path());
    entry1 = db.Get(schema::kThreadCf, key1);
    entry2 = db.Get(schema::kThreadCf, key2);
  }
  ThreadEntry guardian_entry;
  ASSERT_TRUE(guardian_entry.ParseFromString(entry2));

  // A forged Guardian entry: right key id, another key's signature (the
  // server asking "please tell us your name" in a Guardian's name).
  ThreadEntry forged;
  {
    clients::VerifiedThread upto_one;
    upto_one.next_sequence = 2;
    ThreadEntry first;
    ASSERT_TRUE(first.ParseFromString(entry1));
    upto_one.last_hash = crypto::EntryHash(first, OrgId());
    upto_one.last_reporter_hash = upto_one.last_hash;
    forged = GuardianEntry("please tell us your name", upto_one, crypto::NewEd25519KeyPair(), org_.guardian(0).key_id);
  }
  // A real Guardian's signature over a reply quoting something the reporter
  // never wrote (what a server could get a Guardian to sign by showing them
  // a forged view).
  ThreadEntry misquoting;
  {
    clients::VerifiedThread upto_one;
    upto_one.next_sequence = 2;
    ThreadEntry first;
    ASSERT_TRUE(first.ParseFromString(entry1));
    upto_one.last_hash = crypto::EntryHash(first, OrgId());
    upto_one.last_reporter_hash = std::string(32, 'q');
    misquoting = GuardianEntry("misquoting", upto_one, org_.guardian(0).sign, org_.guardian(0).key_id);
  }
  ThreadEntry unsigned_entry = guardian_entry;
  unsigned_entry.set_signature(std::string(64, '\0'));

  struct Tamper {
    std::string name;
    std::function<void(RawDb&)> apply;
    size_t shown_before_break;
  };
  const std::vector<Tamper> tampers = {
      {"unsigned", [&](RawDb& db) { db.Put(schema::kThreadCf, key2, unsigned_entry.SerializeAsString()); }, 1},
      {"signed by another key", [&](RawDb& db) { db.Put(schema::kThreadCf, key2, forged.SerializeAsString()); }, 1},
      {"quoting nothing the reporter wrote",
       [&](RawDb& db) { db.Put(schema::kThreadCf, key2, misquoting.SerializeAsString()); }, 1},
      {"reordered",
       [&](RawDb& db) {
         db.Put(schema::kThreadCf, key1, entry2);
         db.Put(schema::kThreadCf, key2, entry1);
       },
       0},
      {"dropped from the middle", [&](RawDb& db) { db.Delete(schema::kThreadCf, key1); }, 0},
  };
  for (const Tamper& tamper : tampers) {
    {
      RawDb db(dir_.path());
      tamper.apply(db);
    }
    Start();
    // A gap the server itself notices (its store checks sequences are 1..n)
    // comes back as its DATA_LOSS; everything else the client catches.
    for (const char* side : {"reporter", "guardian"}) {
      clients::VerifiedThread view = side[0] == 'r' ? ReporterView() : GuardianView();
      EXPECT_EQ(view.problem.code(), Code::kDataLoss) << tamper.name << ", " << side << ": " << view.problem;
      EXPECT_EQ(view.items.size(), tamper.shown_before_break) << tamper.name << ", " << side;
      for (const auto& m : view.items) EXPECT_NE(m.content.text(), "please tell us your name");
    }
    server_->Stop();
    server_.reset();
    RawDb db(dir_.path());
    db.Put(schema::kThreadCf, key1, entry1);
    db.Put(schema::kThreadCf, key2, entry2);
  }
  Start();
  EXPECT_TRUE(ReporterView().problem.ok());
}

}  // namespace
}  // namespace candour::services
