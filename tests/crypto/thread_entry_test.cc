// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/thread_entry.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "crypto/contexts.h"
#include "crypto/directory_signature.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/padding.h"
#include "crypto/receipt.h"
#include "crypto/wipe_message.h"

namespace candour::crypto {
namespace {

using candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE;
using candour::v1::ENTRY_KIND_REPORTER_MESSAGE;
using candour::v1::EntryContent;
using candour::v1::ThreadEntry;

const std::string kOrg(16, '\x11');
const std::string kReportId(16, '\x44');
const std::string kPrevious(32, '\x55');
const std::string kQuoted(32, '\x66');

EntryContent Text(std::string text) {
  EntryContent content;
  content.set_text(std::move(text));
  return content;
}

void FlipFirst(std::string* s) { (*s)[0] = static_cast<char>((*s)[0] ^ 1); }

// A reporter (keys from a receipt code), a Guardian (a recipient) and a case.
class ThreadEntryTest : public ::testing::Test {
 protected:
  EntryHeader Header(candour::v1::EntryKind kind, uint32_t sequence = 1) const {
    EntryHeader header{kReportId, sequence, kind, kPrevious, ""};
    if (kind != ENTRY_KIND_REPORTER_MESSAGE) header.quoted_hash = kQuoted;
    return header;
  }

  absl::StatusOr<ThreadEntry> SealAsReporter(const EntryContent& content, const EntryHeader& header) const {
    return SealEntry(header, content, keys_, reporter_.sign, SigningKeyId(reporter_.sign.public_key), kOrg);
  }
  absl::StatusOr<ThreadEntry> SealAsGuardian(const EntryContent& content, const EntryHeader& header) const {
    return SealEntry(header, content, keys_, guardian_.sign, guardian_.key_id, kOrg);
  }
  ThreadEntry Reporter(std::string text = "reporter writes") const {
    return SealAsReporter(Text(std::move(text)), Header(ENTRY_KIND_REPORTER_MESSAGE)).value();
  }
  ThreadEntry Guardian(std::string text = "Guardian answers") const {
    return SealAsGuardian(Text(std::move(text)), Header(ENTRY_KIND_GUARDIAN_MESSAGE)).value();
  }
  const std::string& KeyOf(const ThreadEntry& entry) const {
    return entry.kind() == ENTRY_KIND_REPORTER_MESSAGE ? reporter_.sign.public_key : guardian_.sign.public_key;
  }

  const ReceiptKeys reporter_ = DeriveReceiptKeys(ReceiptCode::Generate());
  const RecipientKeys guardian_ = NewRecipientKeys();
  const CaseKey case_key_ = NewCaseKey();
  const ThreadKeys keys_ = ThreadKeys::FromCaseKey(case_key_);
};

TEST_F(ThreadEntryTest, ReporterEntryVerifiesAndOpens) {
  const ThreadEntry entry = Reporter("I was moved off the ward after I complained");
  EXPECT_EQ(entry.report_id(), kReportId);
  EXPECT_EQ(entry.author_key_id(), SigningKeyId(reporter_.sign.public_key));
  EXPECT_TRUE(entry.quoted_hash().empty());
  EXPECT_EQ(entry.nonce().size(), 24u);
  EXPECT_EQ(entry.ciphertext().size(), 1024u + 16);
  EXPECT_EQ(entry.signature().size(), 64u);
  EXPECT_TRUE(CheckEntryShape(entry, kOrg).ok());
  EXPECT_TRUE(VerifyEntrySignature(entry, reporter_.sign.public_key, kOrg).ok());
  absl::StatusOr<EntryContent> opened = OpenEntry(entry, keys_, kOrg);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->text(), "I was moved off the ward after I complained");
  WipeMessage(*opened);
}

TEST_F(ThreadEntryTest, GuardianEntryVerifiesAndOpens) {
  const ThreadEntry entry = Guardian("Thank you. Could you tell me which ward?");
  EXPECT_EQ(entry.author_key_id(), guardian_.key_id);
  EXPECT_EQ(entry.quoted_hash(), kQuoted);
  EXPECT_TRUE(VerifyEntrySignature(entry, guardian_.sign.public_key, kOrg).ok());
  absl::StatusOr<EntryContent> opened = OpenEntry(entry, keys_, kOrg);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->text(), "Thank you. Could you tell me which ward?");
}

TEST_F(ThreadEntryTest, MultiByteTextAndEmptyTextRoundTrip) {
  for (const std::string text : {"", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x99\x82"}) {
    absl::StatusOr<ThreadEntry> entry = SealAsReporter(Text(text), Header(ENTRY_KIND_REPORTER_MESSAGE));
    ASSERT_TRUE(entry.ok()) << entry.status();
    absl::StatusOr<EntryContent> opened = OpenEntry(*entry, keys_, kOrg);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(opened->text(), text);
  }
}

TEST_F(ThreadEntryTest, NoncesAreFreshAndHashesDiffer) {
  const ThreadEntry a = Reporter("same");
  const ThreadEntry b = Reporter("same");
  EXPECT_NE(a.nonce(), b.nonce());
  EXPECT_NE(a.ciphertext(), b.ciphertext());
  EXPECT_EQ(EntryHash(a, kOrg).size(), 32u);
  EXPECT_NE(EntryHash(a, kOrg), EntryHash(b, kOrg));
}

TEST_F(ThreadEntryTest, SigningMessageIsTheAdditionalDataPlusTheCiphertextHash) {
  const ThreadEntry entry = Guardian();
  const std::string message = EntrySigningMessage(entry, kOrg);
  const std::string prefix = std::string(kThreadEntryContext) + '\0' + '\x10' + kOrg;
  EXPECT_EQ(message.substr(0, prefix.size()), prefix);
  // context, 0x00, length, org, report id, kind, author, sequence, previous, quoted, H(nonce || ciphertext)
  EXPECT_EQ(message.size(), prefix.size() + 16 + 1 + 16 + 4 + 32 + 32 + 32);
  EXPECT_EQ(message.substr(message.size() - 32),
            DomainHash(kThreadCiphertextContext, entry.nonce() + entry.ciphertext()));
  EXPECT_EQ(EntryHash(entry, kOrg), DomainHash(kThreadEntryHashContext, message + entry.signature()));
}

// A change to any signed field fails the signature (or the shape check) and
// the AEAD, and changes the entry's hash, so the next entry's link breaks.
struct Tamper {
  const char* name;
  std::function<void(ThreadEntry&)> mutate;
  absl::StatusCode verify;
  absl::StatusCode open;
};

void ExpectTampersDetected(const ThreadEntry& original, const std::string& key, const ThreadKeys& keys,
                           const std::vector<Tamper>& tampers) {
  const std::string hash = EntryHash(original, kOrg);
  for (const Tamper& t : tampers) {
    ThreadEntry entry = original;
    t.mutate(entry);
    EXPECT_EQ(VerifyEntrySignature(entry, key, kOrg).code(), t.verify) << t.name;
    EXPECT_EQ(OpenEntry(entry, keys, kOrg).status().code(), t.open) << t.name;
    EXPECT_NE(EntryHash(entry, kOrg), hash) << t.name;
  }
}

std::vector<Tamper> CommonTampers() {
  using absl::StatusCode;
  return {
      {"report id", [](ThreadEntry& e) { FlipFirst(e.mutable_report_id()); }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      {"sequence", [](ThreadEntry& e) { e.set_sequence(e.sequence() + 1); }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      {"author key id", [](ThreadEntry& e) { FlipFirst(e.mutable_author_key_id()); }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      {"previous hash", [](ThreadEntry& e) { FlipFirst(e.mutable_previous_hash()); }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      {"nonce", [](ThreadEntry& e) { FlipFirst(e.mutable_nonce()); }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      {"ciphertext byte", [](ThreadEntry& e) { (*e.mutable_ciphertext())[500] ^= 1; }, StatusCode::kUnauthenticated,
       StatusCode::kDataLoss},
      // The signature is not part of the AEAD: it still opens, which is why
      // readers verify first.
      {"signature byte", [](ThreadEntry& e) { FlipFirst(e.mutable_signature()); }, StatusCode::kUnauthenticated,
       StatusCode::kOk},
      {"signature truncated", [](ThreadEntry& e) { e.mutable_signature()->pop_back(); }, StatusCode::kInvalidArgument,
       StatusCode::kDataLoss},
      {"ciphertext not a bucket", [](ThreadEntry& e) { e.mutable_ciphertext()->pop_back(); },
       StatusCode::kInvalidArgument, StatusCode::kDataLoss},
  };
}

TEST_F(ThreadEntryTest, TamperingAReporterEntryIsDetected) {
  std::vector<Tamper> tampers = CommonTampers();
  tampers.push_back({"kind to Guardian with a zero quoted hash",
                     [](ThreadEntry& e) {
                       e.set_kind(ENTRY_KIND_GUARDIAN_MESSAGE);
                       e.set_quoted_hash(std::string(32, '\0'));
                     },
                     absl::StatusCode::kUnauthenticated, absl::StatusCode::kDataLoss});
  tampers.push_back({"kind alone", [](ThreadEntry& e) { e.set_kind(ENTRY_KIND_GUARDIAN_MESSAGE); },
                     absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss});
  tampers.push_back({"quoted hash added", [](ThreadEntry& e) { e.set_quoted_hash(kQuoted); },
                     absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss});
  ExpectTampersDetected(Reporter(), reporter_.sign.public_key, keys_, tampers);
}

TEST_F(ThreadEntryTest, TamperingAGuardianEntryIsDetected) {
  std::vector<Tamper> tampers = CommonTampers();
  tampers.push_back({"quoted hash", [](ThreadEntry& e) { FlipFirst(e.mutable_quoted_hash()); },
                     absl::StatusCode::kUnauthenticated, absl::StatusCode::kDataLoss});
  tampers.push_back({"kind to reporter without quoted hash",
                     [](ThreadEntry& e) {
                       e.set_kind(ENTRY_KIND_REPORTER_MESSAGE);
                       e.clear_quoted_hash();
                     },
                     absl::StatusCode::kUnauthenticated, absl::StatusCode::kDataLoss});
  tampers.push_back({"quoted hash removed", [](ThreadEntry& e) { e.clear_quoted_hash(); },
                     absl::StatusCode::kInvalidArgument, absl::StatusCode::kDataLoss});
  ExpectTampersDetected(Guardian(), guardian_.sign.public_key, keys_, tampers);
}

TEST_F(ThreadEntryTest, AnotherOrganisationIdNeitherVerifiesNorOpens) {
  for (const ThreadEntry& entry : {Reporter(), Guardian()}) {
    const std::string other(16, '\x12');
    EXPECT_EQ(VerifyEntrySignature(entry, KeyOf(entry), other).code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(OpenEntry(entry, keys_, other).status().code(), absl::StatusCode::kDataLoss);
    EXPECT_NE(EntryHash(entry, other), EntryHash(entry, kOrg));
  }
}

TEST_F(ThreadEntryTest, WrongAuthorKeyIsRefused) {
  const RecipientKeys other = NewRecipientKeys();
  const ThreadEntry guardian = Guardian();
  EXPECT_EQ(VerifyEntrySignature(guardian, other.sign.public_key, kOrg).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyEntrySignature(guardian, reporter_.sign.public_key, kOrg).code(), absl::StatusCode::kUnauthenticated);
  const ThreadEntry reporter = Reporter();
  // Another key fails the key-id check before the signature is tried.
  EXPECT_EQ(VerifyEntrySignature(reporter, other.sign.public_key, kOrg).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyEntrySignature(reporter, std::string(31, 'k'), kOrg).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ThreadEntryTest, ReporterEntryMustNameItsOwnSigningKey) {
  const EntryHeader header = Header(ENTRY_KIND_REPORTER_MESSAGE);
  // Someone else's id with the reporter's key.
  EXPECT_EQ(SealEntry(header, Text("x"), keys_, reporter_.sign, guardian_.key_id, kOrg).status().code(),
            absl::StatusCode::kInvalidArgument);
  // The reporter's id with someone else's key.
  EXPECT_EQ(SealEntry(header, Text("x"), keys_, guardian_.sign, SigningKeyId(reporter_.sign.public_key), kOrg)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ThreadEntryTest, WrongCaseKeyIsDataLoss) {
  const ThreadKeys other = ThreadKeys::FromCaseKey(NewCaseKey());
  EXPECT_EQ(OpenEntry(Reporter(), other, kOrg).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenEntry(Guardian(), other, kOrg).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(ThreadEntryTest, TextUpToTheLimitSealsAndOneMoreByteIsRefused) {
  absl::StatusOr<ThreadEntry> largest =
      SealAsGuardian(Text(std::string(kMaxEntryTextBytes, 'a')), Header(ENTRY_KIND_GUARDIAN_MESSAGE));
  ASSERT_TRUE(largest.ok()) << largest.status();
  EXPECT_EQ(largest->ciphertext().size(), kMaxEntryBucket + 16);
  EXPECT_EQ(OpenEntry(*largest, keys_, kOrg)->text().size(), kMaxEntryTextBytes);
  EXPECT_EQ(SealAsGuardian(Text(std::string(kMaxEntryTextBytes + 1, 'a')), Header(ENTRY_KIND_GUARDIAN_MESSAGE))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ThreadEntryTest, PaddingHidesLengthWithinABucket) {
  const ThreadEntry short_entry = Reporter(std::string(10, 's'));
  const ThreadEntry long_entry = Reporter(std::string(900, 'l'));
  EXPECT_EQ(short_entry.ciphertext().size(), long_entry.ciphertext().size());
  EXPECT_EQ(Reporter(std::string(2000, 'x')).ciphertext().size(), 2048u + 16);
}

TEST_F(ThreadEntryTest, RefusesTextThatIsNotUtf8OrContentWithUnknownFields) {
  const EntryHeader header = Header(ENTRY_KIND_REPORTER_MESSAGE);
  for (const std::string bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe2\x82"}) {
    EXPECT_EQ(SealAsReporter(Text(bad), header).status().code(), absl::StatusCode::kInvalidArgument);
  }
  EntryContent with_unknown = Text("hi");
  with_unknown.GetReflection()->MutableUnknownFields(&with_unknown)->AddVarint(99, 1);
  EXPECT_EQ(SealAsReporter(with_unknown, header).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ThreadEntryTest, RefusesMalformedHeaders) {
  struct Case {
    const char* name;
    std::function<void(EntryHeader&)> mutate;
  };
  const std::vector<Case> cases = {
      {"report id 15", [](EntryHeader& h) { h.report_id.pop_back(); }},
      {"report id 17", [](EntryHeader& h) { h.report_id.push_back('x'); }},
      {"sequence 0", [](EntryHeader& h) { h.sequence = 0; }},
      {"sequence above the limit", [](EntryHeader& h) { h.sequence = kMaxThreadEntries + 1; }},
      {"kind unspecified", [](EntryHeader& h) { h.kind = candour::v1::ENTRY_KIND_UNSPECIFIED; }},
      {"kind unknown", [](EntryHeader& h) { h.kind = static_cast<candour::v1::EntryKind>(7); }},
      {"previous hash 31", [](EntryHeader& h) { h.previous_hash.pop_back(); }},
      {"previous hash empty", [](EntryHeader& h) { h.previous_hash.clear(); }},
      {"quoted hash 31", [](EntryHeader& h) { h.quoted_hash.pop_back(); }},
      {"quoted hash missing", [](EntryHeader& h) { h.quoted_hash.clear(); }},
  };
  for (const Case& c : cases) {
    EntryHeader header = Header(ENTRY_KIND_GUARDIAN_MESSAGE);
    c.mutate(header);
    EXPECT_EQ(SealAsGuardian(Text("x"), header).status().code(), absl::StatusCode::kInvalidArgument) << c.name;
  }
  EntryHeader reporter = Header(ENTRY_KIND_REPORTER_MESSAGE);
  reporter.quoted_hash = kQuoted;
  EXPECT_EQ(SealAsReporter(Text("x"), reporter).status().code(), absl::StatusCode::kInvalidArgument);
  const EntryHeader ok = Header(ENTRY_KIND_GUARDIAN_MESSAGE, kMaxThreadEntries);
  EXPECT_TRUE(SealAsGuardian(Text("x"), ok).ok());
  const std::string short_id(15, 'g');
  EXPECT_EQ(SealEntry(ok, Text("x"), keys_, guardian_.sign, short_id, kOrg).status().code(),
            absl::StatusCode::kInvalidArgument);
  for (const std::string& org : {std::string(), std::string(256, 'o')}) {
    EXPECT_EQ(SealEntry(ok, Text("x"), keys_, guardian_.sign, guardian_.key_id, org).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(SealEntryWithNonce(ok, Text("x"), keys_, guardian_.sign, guardian_.key_id, kOrg, std::string(23, 'n'))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ThreadEntryTest, MalformedEntriesHaveNoSigningMessageOrHash) {
  ThreadEntry entry = Guardian();
  entry.mutable_report_id()->push_back('x');
  EXPECT_EQ(EntrySigningMessage(entry, kOrg), "");
  EXPECT_EQ(EntryHash(entry, kOrg), "");
  EXPECT_EQ(CheckEntryShape(entry, kOrg).code(), absl::StatusCode::kInvalidArgument);
}

// Replaces the entry's ciphertext with `padded` sealed under the right key and
// header: what a writer with the case key could put there.
void Reseal(ThreadEntry& entry, const CaseKey& case_key, std::string_view padded) {
  const std::string message = EntrySigningMessage(entry, kOrg);
  const std::string aad = message.substr(0, message.size() - 32);
  // Messages are sealed under the view key.
  const SecretKey<32> key = DeriveCaseSubkey(ViewKeyOf(case_key), kCaseSubkeyThreadBase + entry.sequence());
  std::string c(padded.size() + 16, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(c.data()), nullptr,
                                             reinterpret_cast<const unsigned char*>(padded.data()), padded.size(),
                                             reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr,
                                             reinterpret_cast<const unsigned char*>(entry.nonce().data()), key.data());
  entry.set_ciphertext(std::move(c));
}

std::string Padded(std::string_view content) { return std::string(Pad(content)->view()); }

TEST_F(ThreadEntryTest, OpenRefusesMalformedPlaintextWithoutQuotingIt) {
  EntryContent with_unknown = Text("secret words");
  with_unknown.GetReflection()->MutableUnknownFields(&with_unknown)->AddVarint(99, 1);
  const std::string too_long = Text(std::string(kMaxEntryTextBytes + 1, 's')).SerializeAsString();
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"no padding marker", std::string(1024, '\0')},
      {"not a message", Padded("\xff\xff\xff secret words")},
      {"unknown field", Padded(with_unknown.SerializeAsString())},
      {"not UTF-8", Padded(std::string("\x0a\x03\xffse"))},
      {"text above the limit", Padded(too_long)},
  };
  for (const auto& [name, padded] : cases) {
    ThreadEntry entry = Reporter();
    Reseal(entry, case_key_, padded);
    absl::StatusOr<EntryContent> opened = OpenEntry(entry, keys_, kOrg);
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss) << name;
    EXPECT_EQ(opened.status().message().find("secret"), std::string_view::npos) << name;
    EXPECT_EQ(opened.status().message().find("sss"), std::string_view::npos) << name;
  }
}

// A real report from a signed directory, and the thread that follows it.
class ThreadChainTest : public ThreadEntryTest {
 protected:
  ThreadChainTest() {
    candour::v1::Directory d;
    d.set_organisation_id(kOrg);
    d.set_organisation_name("Example Trust");
    d.set_version(3);
    candour::v1::Recipient* r = d.add_recipients();
    r->set_key_id(guardian_.key_id);
    r->set_x25519_public_key(guardian_.box.public_key);
    r->set_ed25519_public_key(guardian_.sign.public_key);
    d.set_aggregation_public_key(aggregation_.public_key);
    directory_ =
        VerifyDirectory(SignDirectory(d.SerializeAsString(), org_), OrganisationFingerprint(org_.public_key)).value();
    candour::v1::ReportContent content;
    content.set_content_version(1);
    content.set_kind(candour::v1::REPORT_KIND_HARASSMENT);
    content.add_characteristics(candour::v1::CHARACTERISTIC_AGE);
    content.set_source(candour::v1::BEHAVIOUR_SOURCE_MANAGER);
    content.set_department_id(42);
    content.set_what_happened("what happened");
    content.set_followup_signing_public_key(reporter_.sign.public_key);
    request_ = SealReport(content, AggregationTag{42, 2, 0x0021, 1}, directory_, reporter_).value();
  }

  // What a Guardian's client does with a thread: each link, each signature
  // (the reporter's with the follow-up key from the report, a Guardian's with
  // the directory key its id names), then the content.
  absl::Status ReadAsGuardian(const std::vector<ThreadEntry>& thread) {
    OpenedReport report =
        OpenAsRecipient(request_.envelope(), request_.case_key_records(0), guardian_, directory_).value();
    std::string previous = EnvelopeHash(request_.envelope(), kOrg);
    uint32_t sequence = 1;
    for (const ThreadEntry& entry : thread) {
      if (entry.sequence() != sequence++) return absl::DataLossError("sequence gap");
      if (entry.previous_hash() != previous) return absl::DataLossError("chain broken");
      std::string key = report.content.followup_signing_public_key();
      if (entry.kind() == ENTRY_KIND_GUARDIAN_MESSAGE) {
        key.clear();
        for (const auto& r : directory_.directory.recipients()) {
          if (r.key_id() == entry.author_key_id()) key = r.ed25519_public_key();
        }
      }
      if (absl::Status s = VerifyEntrySignature(entry, key, kOrg); !s.ok()) return s;
      if (absl::Status s = OpenEntry(entry, ThreadKeys::FromCaseKey(report.case_key), kOrg).status(); !s.ok()) {
        return s;
      }
      previous = EntryHash(entry, kOrg);
    }
    return absl::OkStatus();
  }

  const Ed25519KeyPair org_ = NewEd25519KeyPair();
  const X25519KeyPair aggregation_ = NewX25519KeyPair();
  VerifiedDirectory directory_;
  candour::v1::SubmitReportRequest request_;
};

TEST_F(ThreadChainTest, ThreeEntriesChainToTheEnvelope) {
  // The reporter recovers the view key from the receipt binding; the
  // Guardian derives the same from the case key.
  const ThreadKeys case_key = ThreadKeys::FromViewKey(
      OpenViewKey(request_.receipt().sealed_view_key(), request_.envelope().report_id(), reporter_.box).value());
  const std::string envelope_hash = EnvelopeHash(request_.envelope(), kOrg);
  const std::string reporter_id = SigningKeyId(reporter_.sign.public_key);

  const ThreadEntry first =
      SealEntry({request_.envelope().report_id(), 1, ENTRY_KIND_REPORTER_MESSAGE, envelope_hash, ""},
                Text("one more thing"), case_key, reporter_.sign, reporter_id, kOrg)
          .value();
  const std::string first_hash = EntryHash(first, kOrg);
  const ThreadEntry second =
      SealEntry({request_.envelope().report_id(), 2, ENTRY_KIND_GUARDIAN_MESSAGE, first_hash, first_hash},
                Text("thank you"), case_key, guardian_.sign, guardian_.key_id, kOrg)
          .value();
  const ThreadEntry third =
      SealEntry({request_.envelope().report_id(), 3, ENTRY_KIND_REPORTER_MESSAGE, EntryHash(second, kOrg), ""},
                Text("you are welcome"), case_key, reporter_.sign, reporter_id, kOrg)
          .value();

  EXPECT_TRUE(ReadAsGuardian({first, second, third}).ok());
  EXPECT_TRUE(ReadAsGuardian({first, second}).ok());  // the newest dropped: a valid, shorter chain
  EXPECT_FALSE(ReadAsGuardian({first, third}).ok());  // one dropped from the middle
  EXPECT_FALSE(ReadAsGuardian({second, first, third}).ok());
  EXPECT_FALSE(ReadAsGuardian({third}).ok());
}

TEST_F(ThreadChainTest, EnvelopeHashNamesEveryStoredByte) {
  const candour::v1::Envelope& envelope = request_.envelope();
  const std::string hash = EnvelopeHash(envelope, kOrg);
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_EQ(hash, DomainHash(kEnvelopeHashContext, EnvelopeAad(envelope, kOrg) + envelope.nonce() +
                                                       envelope.key_commitment() + envelope.ciphertext()));
  const std::vector<std::function<void(candour::v1::Envelope&)>> changes = {
      [](auto& e) { FlipFirst(e.mutable_report_id()); },      [](auto& e) { FlipFirst(e.mutable_nonce()); },
      [](auto& e) { FlipFirst(e.mutable_key_commitment()); }, [](auto& e) { FlipFirst(e.mutable_ciphertext()); },
      [](auto& e) { FlipFirst(e.mutable_sealed_tag()); },     [](auto& e) { e.set_directory_version(4); },
  };
  for (const auto& change : changes) {
    candour::v1::Envelope changed = envelope;
    change(changed);
    EXPECT_NE(EnvelopeHash(changed, kOrg), hash);
  }
  EXPECT_NE(EnvelopeHash(envelope, std::string(16, '\x12')), hash);
}

}  // namespace
}  // namespace candour::crypto

namespace candour::crypto {
namespace {

using candour::v1::EntryKind;

// A valid body for each kind.
EntryContent BodyFor(EntryKind kind) {
  EntryContent c;
  switch (kind) {
    case candour::v1::ENTRY_KIND_STATUS_CHANGE:
      c.mutable_status_change()->set_from(candour::v1::CASE_STATUS_IN_PROGRESS);
      c.mutable_status_change()->set_to(candour::v1::CASE_STATUS_CLOSED);
      c.mutable_status_change()->set_outcome(candour::v1::CASE_OUTCOME_RESOLVED);
      break;
    case candour::v1::ENTRY_KIND_ASSIGNMENT:
      c.mutable_assignment()->set_assignee_key_id(std::string(16, 'a'));
      break;
    case candour::v1::ENTRY_KIND_CLASSIFICATION:
      c.mutable_classification()->add_elements(candour::v1::CASE_ELEMENT_BULLYING_HARASSMENT);
      c.mutable_classification()->add_elements(candour::v1::CASE_ELEMENT_DETRIMENT);
      c.mutable_classification()->set_professional_group("Nursing and midwifery registered");
      c.mutable_classification()->set_speak_up_again(candour::v1::SPEAK_UP_AGAIN_MAYBE);
      break;
    case candour::v1::ENTRY_KIND_LINK:
      c.mutable_link()->set_other_report_id(std::string(16, 'o'));
      c.mutable_link()->set_relation(candour::v1::LINK_RELATION_DUPLICATE);
      break;
    case candour::v1::ENTRY_KIND_REWRAP:
      c.mutable_rewrap()->add_recipient_key_ids(std::string(16, 'n'));
      break;
    default:
      c.set_text("a message or a note");
  }
  return c;
}

class EntryKindsTest : public ::testing::Test {
 protected:
  EntryHeader Header(EntryKind kind) const { return {std::string(16, '\x44'), 3, kind, std::string(32, '\x55'),
                                                     std::string(32, '\x66')}; }
  absl::StatusOr<ThreadEntry> Seal(EntryKind kind, const EntryContent& content, const ThreadKeys& keys) const {
    return SealEntry(Header(kind), content, keys, guardian_.sign, guardian_.key_id, std::string(16, '\x11'));
  }
  const RecipientKeys guardian_ = NewRecipientKeys();
  const CaseKey case_key_ = NewCaseKey();
  const ThreadKeys guardian_keys_ = ThreadKeys::FromCaseKey(case_key_);
  const ThreadKeys reporter_keys_ = ThreadKeys::FromViewKey(ViewKeyOf(case_key_));
};

TEST_F(EntryKindsTest, EveryGuardianKindRoundTripsAndOnlyMessagesAndStatusReachTheReporter) {
  const std::string org(16, '\x11');
  for (int k = candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE; k <= candour::v1::ENTRY_KIND_REWRAP; ++k) {
    const auto kind = static_cast<EntryKind>(k);
    const EntryContent body = BodyFor(kind);
    absl::StatusOr<ThreadEntry> entry = Seal(kind, body, guardian_keys_);
    ASSERT_TRUE(entry.ok()) << k << ": " << entry.status();
    absl::StatusOr<EntryContent> opened = OpenEntry(*entry, guardian_keys_, org);
    ASSERT_TRUE(opened.ok()) << k << ": " << opened.status();
    EXPECT_EQ(opened->SerializeAsString(), body.SerializeAsString()) << k;
    absl::StatusOr<EntryContent> as_reporter = OpenEntry(*entry, reporter_keys_, org);
    if (IsStaffOnlyKind(kind)) {
      EXPECT_EQ(as_reporter.status().code(), absl::StatusCode::kFailedPrecondition) << k;
      // Nor can the reporter write one.
      EXPECT_EQ(Seal(kind, body, reporter_keys_).status().code(), absl::StatusCode::kFailedPrecondition) << k;
    } else {
      ASSERT_TRUE(as_reporter.ok()) << k << ": " << as_reporter.status();
      EXPECT_EQ(as_reporter->SerializeAsString(), body.SerializeAsString()) << k;
    }
  }
}

TEST_F(EntryKindsTest, StaffKeyIsNotTheViewKey) {
  // A staff-only entry re-labelled as a message (the header is signed, so
  // only its author could do this) does not open under the view key.
  absl::StatusOr<ThreadEntry> note = Seal(candour::v1::ENTRY_KIND_NOTE, BodyFor(candour::v1::ENTRY_KIND_NOTE),
                                          guardian_keys_);
  ASSERT_TRUE(note.ok());
  ThreadEntry relabelled = *note;
  relabelled.set_kind(candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE);
  EXPECT_EQ(OpenEntry(relabelled, guardian_keys_, std::string(16, '\x11')).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(EntryKindsTest, ContentMustBeWhatTheKindHolds) {
  const auto refused = [&](EntryKind kind, const EntryContent& content) {
    return Seal(kind, content, guardian_keys_).status().code() == absl::StatusCode::kInvalidArgument;
  };
  // The wrong body for the kind.
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_NOTE, BodyFor(candour::v1::ENTRY_KIND_LINK)));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_STATUS_CHANGE, BodyFor(candour::v1::ENTRY_KIND_NOTE)));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_CLASSIFICATION, EntryContent()));
  // Closing needs an outcome; other moves must not carry one.
  EntryContent c = BodyFor(candour::v1::ENTRY_KIND_STATUS_CHANGE);
  c.mutable_status_change()->clear_outcome();
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_STATUS_CHANGE, c));
  c = BodyFor(candour::v1::ENTRY_KIND_STATUS_CHANGE);
  c.mutable_status_change()->set_to(candour::v1::CASE_STATUS_REFERRED);
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_STATUS_CHANGE, c));
  c.mutable_status_change()->set_to(static_cast<candour::v1::CaseStatus>(99));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_STATUS_CHANGE, c));
  // Classification: unknown or repeated elements, a long group, an unknown answer.
  c = BodyFor(candour::v1::ENTRY_KIND_CLASSIFICATION);
  c.mutable_classification()->add_elements(candour::v1::CASE_ELEMENT_DETRIMENT);
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_CLASSIFICATION, c));
  c = BodyFor(candour::v1::ENTRY_KIND_CLASSIFICATION);
  c.mutable_classification()->add_elements(static_cast<candour::v1::CaseElement>(40));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_CLASSIFICATION, c));
  c = BodyFor(candour::v1::ENTRY_KIND_CLASSIFICATION);
  c.mutable_classification()->set_professional_group(std::string(101, 'g'));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_CLASSIFICATION, c));
  c = BodyFor(candour::v1::ENTRY_KIND_CLASSIFICATION);
  c.mutable_classification()->set_speak_up_again(static_cast<candour::v1::SpeakUpAgain>(9));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_CLASSIFICATION, c));
  // Assignment, link and re-wrap sizes.
  c = BodyFor(candour::v1::ENTRY_KIND_ASSIGNMENT);
  c.mutable_assignment()->set_assignee_key_id("short");
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_ASSIGNMENT, c));
  c = BodyFor(candour::v1::ENTRY_KIND_LINK);
  c.mutable_link()->set_relation(candour::v1::LINK_RELATION_UNSPECIFIED);
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_LINK, c));
  c = BodyFor(candour::v1::ENTRY_KIND_REWRAP);
  c.mutable_rewrap()->add_recipient_key_ids(std::string(16, 'n'));
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_REWRAP, c));
  c.mutable_rewrap()->clear_recipient_key_ids();
  EXPECT_TRUE(refused(candour::v1::ENTRY_KIND_REWRAP, c));
  // An unassignment is fine.
  c = BodyFor(candour::v1::ENTRY_KIND_ASSIGNMENT);
  c.mutable_assignment()->clear_assignee_key_id();
  EXPECT_FALSE(refused(candour::v1::ENTRY_KIND_ASSIGNMENT, c));
}

}  // namespace
}  // namespace candour::crypto
