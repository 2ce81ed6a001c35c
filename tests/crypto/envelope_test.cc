// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/envelope.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

using candour::v1::Envelope;
using candour::v1::ReportContent;
using candour::v1::SubmitReportRequest;

constexpr AggregationTag kTag{42, 2, 0x0021, 1};

ReportContent SampleContent(size_t narrative_size = 100) {
  ReportContent content;
  content.set_content_version(1);
  content.set_kind(candour::v1::REPORT_KIND_HARASSMENT);
  content.add_characteristics(candour::v1::CHARACTERISTIC_AGE);
  content.set_source(candour::v1::BEHAVIOUR_SOURCE_MANAGER);
  content.set_department_id(42);
  content.set_what_happened(std::string(narrative_size, 'w'));
  return content;
}

// Two recipients, an aggregation key and a signed, verified directory.
class EnvelopeTest : public ::testing::Test {
 protected:
  EnvelopeTest() : receipt_(DeriveReceiptKeys(ReceiptCode::Generate())) {
    for (int i = 0; i < 3; ++i) recipients_.push_back(NewRecipientKeys());
    candour::v1::Directory d;
    d.set_organisation_id(std::string(16, '\x11'));
    d.set_organisation_name("Example Trust");
    d.set_version(5);
    for (const RecipientKeys& r : recipients_) {
      candour::v1::Recipient* recipient = d.add_recipients();
      recipient->set_key_id(r.key_id);
      recipient->set_x25519_public_key(r.box.public_key);
      recipient->set_ed25519_public_key(r.sign.public_key);
    }
    d.set_aggregation_public_key(aggregation_.public_key);
    directory_ =
        VerifyDirectory(SignDirectory(d.SerializeAsString(), org_), OrganisationFingerprint(org_.public_key)).value();
  }

  SubmitReportRequest Seal(const ReportContent& content = SampleContent()) {
    absl::StatusOr<SubmitReportRequest> request = SealReport(content, kTag, directory_, receipt_);
    EXPECT_TRUE(request.ok()) << request.status();
    return *std::move(request);
  }

  // Opens as recipients_[0] with its own record.
  absl::StatusCode OpenCode(const SubmitReportRequest& request) {
    return OpenAsRecipient(request.envelope(), RecordFor(request, recipients_[0]), recipients_[0], directory_)
        .status()
        .code();
  }

  static const candour::v1::CaseKeyRecord& RecordFor(const SubmitReportRequest& request, const RecipientKeys& keys) {
    for (const candour::v1::CaseKeyRecord& record : request.case_key_records()) {
      if (record.recipient_key_id() == keys.key_id) return record;
    }
    ADD_FAILURE() << "no record for recipient";
    return request.case_key_records(0);
  }

  const Ed25519KeyPair org_ = NewEd25519KeyPair();
  const X25519KeyPair aggregation_ = NewX25519KeyPair();
  std::vector<RecipientKeys> recipients_;
  VerifiedDirectory directory_;
  const ReceiptKeys receipt_;
};

TEST_F(EnvelopeTest, EveryRecipientOpensTheReport) {
  const SubmitReportRequest request = Seal();
  for (const RecipientKeys& keys : recipients_) {
    absl::StatusOr<OpenedReport> opened =
        OpenAsRecipient(request.envelope(), RecordFor(request, keys), keys, directory_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(opened->content.SerializeAsString(), SampleContent().SerializeAsString());
  }
}

TEST_F(EnvelopeTest, RefusesAnEnvelopeSealedToFewerRecipientsThanItsDirectory) {
  // A sealer that left a Guardian out (the list is in its own AAD, so only
  // the directory can tell).
  VerifiedDirectory fewer;
  fewer.directory = directory_.directory;
  fewer.directory.mutable_recipients()->RemoveLast();
  fewer.organisation_public_key = directory_.organisation_public_key;
  fewer.hash = directory_.hash;
  absl::StatusOr<SubmitReportRequest> request = SealReport(SampleContent(), kTag, fewer, receipt_);
  ASSERT_TRUE(request.ok());
  absl::StatusOr<CaseKey> case_key =
      OpenCaseKey(RecordFor(*request, recipients_[0]).sealed_case_key(), recipients_[0].box);
  ASSERT_TRUE(case_key.ok());
  EXPECT_EQ(OpenWithCaseKey(request->envelope(), std::move(*case_key), directory_).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, ReceiptHolderGetsTheViewKeyOfThisReportOnly) {
  const SubmitReportRequest request = Seal();
  EXPECT_EQ(request.receipt().lookup_hash(), receipt_.lookup_hash);
  const std::string& report_id = request.envelope().report_id();
  absl::StatusOr<SecretKey<32>> view = OpenViewKey(request.receipt().sealed_view_key(), report_id, receipt_.box);
  ASSERT_TRUE(view.ok()) << view.status();
  // The same view key a Guardian derives from the case key.
  const CaseKey case_key = OpenCaseKey(RecordFor(request, recipients_[0]).sealed_case_key(), recipients_[0].box).value();
  EXPECT_EQ(HexEncode(std::string_view(reinterpret_cast<const char*>(view->data()), 32)),
            HexEncode(std::string_view(reinterpret_cast<const char*>(ViewKeyOf(case_key).data()), 32)));
  // Not the case key itself: the reporter cannot open the report with it.
  EXPECT_EQ(OpenWithCaseKey(request.envelope(), CaseKey::CopyOf(view->span()), directory_).status().code(),
            absl::StatusCode::kDataLoss);
  // Paired by the server with another report: refused.
  std::string other_id = report_id;
  other_id[0] = static_cast<char>(other_id[0] ^ 1);
  EXPECT_EQ(OpenViewKey(request.receipt().sealed_view_key(), other_id, receipt_.box).status().code(),
            absl::StatusCode::kDataLoss);
  // Another receipt's key, and a short record.
  const ReceiptKeys stranger = DeriveReceiptKeys(ReceiptCode::Generate());
  EXPECT_EQ(OpenViewKey(request.receipt().sealed_view_key(), report_id, stranger.box).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenViewKey(request.receipt().sealed_view_key().substr(1), report_id, receipt_.box).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, FieldsHaveProtocolSizesAndOrder) {
  const SubmitReportRequest request = Seal();
  const Envelope& e = request.envelope();
  EXPECT_EQ(e.envelope_version(), kEnvelopeVersion);
  EXPECT_EQ(e.report_id().size(), kReportIdSize);
  EXPECT_EQ(e.directory_version(), 5u);
  EXPECT_EQ(e.directory_hash(), directory_.hash);
  EXPECT_EQ(e.nonce().size(), kNonceSize);
  EXPECT_EQ(e.ciphertext().size(), 1024 + kAeadTagSize);
  EXPECT_EQ(e.key_commitment().size(), 32u);
  EXPECT_EQ(e.sealed_tag().size(), kSealedTagSize);
  std::vector<std::string> ids;
  for (const RecipientKeys& r : recipients_) ids.push_back(r.key_id);
  std::sort(ids.begin(), ids.end());
  ASSERT_EQ(e.recipient_key_ids_size(), 3);
  ASSERT_EQ(request.case_key_records_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(e.recipient_key_ids(i), ids[i]);
    EXPECT_EQ(request.case_key_records(i).recipient_key_id(), ids[i]);
    EXPECT_EQ(request.case_key_records(i).sealed_case_key().size(), kSealedKeySize);
  }
  EXPECT_EQ(request.receipt().sealed_view_key().size(), kSealedViewKeySize);
}

TEST_F(EnvelopeTest, FreshReportIdsCaseKeysAndNonces) {
  const SubmitReportRequest a = Seal();
  const SubmitReportRequest b = Seal();
  EXPECT_NE(a.envelope().report_id(), b.envelope().report_id());
  EXPECT_NE(a.envelope().nonce(), b.envelope().nonce());
  EXPECT_NE(a.envelope().key_commitment(), b.envelope().key_commitment());
}

TEST_F(EnvelopeTest, SealedTagOpensWithTheAggregationKey) {
  absl::StatusOr<AggregationTag> tag = OpenTag(Seal().envelope().sealed_tag(), aggregation_);
  ASSERT_TRUE(tag.ok());
  EXPECT_EQ(EncodeTag(*tag), EncodeTag(kTag));
}

TEST_F(EnvelopeTest, LargerContentGetsALargerBucket) {
  EXPECT_EQ(Seal(SampleContent(3000)).envelope().ciphertext().size(), 4096 + kAeadTagSize);
  EXPECT_EQ(Seal(SampleContent(65000)).envelope().ciphertext().size(), 65536 + kAeadTagSize);
}

TEST_F(EnvelopeTest, RejectsOversizedContent) {
  EXPECT_EQ(SealReport(SampleContent(65536), kTag, directory_, receipt_).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(EnvelopeTest, RejectsInvalidTagOrDirectoryWithoutKeys) {
  EXPECT_EQ(SealReport(SampleContent(), AggregationTag{0, 2, 1, 1}, directory_, receipt_).status().code(),
            absl::StatusCode::kInvalidArgument);
  VerifiedDirectory no_aggregation = directory_;
  no_aggregation.directory.clear_aggregation_public_key();
  EXPECT_EQ(SealReport(SampleContent(), kTag, no_aggregation, receipt_).status().code(),
            absl::StatusCode::kInvalidArgument);
  VerifiedDirectory no_recipients = directory_;
  no_recipients.directory.clear_recipients();
  EXPECT_EQ(SealReport(SampleContent(), kTag, no_recipients, receipt_).status().code(),
            absl::StatusCode::kInvalidArgument);
  VerifiedDirectory short_key = directory_;
  short_key.directory.mutable_recipients(1)->set_x25519_public_key("short");
  EXPECT_EQ(SealReport(SampleContent(), kTag, short_key, receipt_).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(EnvelopeTest, RejectsAlteredCiphertext) {
  SubmitReportRequest request = Seal();
  (*request.mutable_envelope()->mutable_ciphertext())[100] ^= 1;
  EXPECT_EQ(OpenCode(request), absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, RejectsCiphertextWithWrongAad) {
  SubmitReportRequest request = Seal();
  request.mutable_envelope()->set_report_id(std::string(16, 'r'));
  EXPECT_EQ(OpenCode(request), absl::StatusCode::kDataLoss);

  // Drop a recipient from the list: still well formed, no longer authentic.
  SubmitReportRequest fewer = Seal();
  auto* ids = fewer.mutable_envelope()->mutable_recipient_key_ids();
  const std::string kept_first = recipients_[0].key_id;
  for (int i = 0; i < ids->size(); ++i) {
    if ((*ids)[i] != kept_first) {
      ids->erase(ids->begin() + i);
      break;
    }
  }
  EXPECT_EQ(OpenCode(fewer), absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, RejectsEnvelopeBoundToAnotherOrganisation) {
  const SubmitReportRequest request = Seal();
  VerifiedDirectory other = directory_;
  other.directory.set_organisation_id(std::string(16, '\x12'));  // same version and hash
  EXPECT_EQ(
      OpenAsRecipient(request.envelope(), RecordFor(request, recipients_[0]), recipients_[0], other).status().code(),
      absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, RejectsSwappedSealedTag) {
  SubmitReportRequest a = Seal();
  const SubmitReportRequest b = Seal();
  a.mutable_envelope()->set_sealed_tag(b.envelope().sealed_tag());
  EXPECT_EQ(OpenCode(a), absl::StatusCode::kDataLoss);
  // A fresh sealing of the same tag is also a different tag binding.
  a = Seal();
  a.mutable_envelope()->set_sealed_tag(*SealTag(kTag, aggregation_.public_key));
  EXPECT_EQ(OpenCode(a), absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, RejectsCaseKeyRecordSwappedBetweenReports) {
  const SubmitReportRequest a = Seal();
  const SubmitReportRequest b = Seal();
  absl::StatusOr<OpenedReport> opened =
      OpenAsRecipient(a.envelope(), RecordFor(b, recipients_[0]), recipients_[0], directory_);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(opened.status().message().find("commitment"), std::string::npos) << opened.status();
}

TEST_F(EnvelopeTest, RejectsWrongDirectoryVersionOrHash) {
  SubmitReportRequest request = Seal();
  request.mutable_envelope()->set_directory_version(4);
  EXPECT_EQ(OpenCode(request), absl::StatusCode::kDataLoss);
  request = Seal();
  request.mutable_envelope()->set_directory_hash(std::string(32, 'h'));
  EXPECT_EQ(OpenCode(request), absl::StatusCode::kDataLoss);
  // The envelope is intact but the caller holds another directory.
  request = Seal();
  VerifiedDirectory other = directory_;
  other.hash = std::string(32, 'h');
  EXPECT_EQ(OpenWithCaseKey(request.envelope(), NewCaseKey(), other).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(EnvelopeTest, RejectsMalformedEnvelopes) {
  const std::vector<std::function<void(Envelope&)>> edits = {
      [](Envelope& e) { e.set_envelope_version(2); },
      [](Envelope& e) { e.set_report_id(std::string(15, 'r')); },
      [](Envelope& e) { e.set_nonce(std::string(12, 'n')); },
      [](Envelope& e) { e.mutable_ciphertext()->pop_back(); },
      [](Envelope& e) { e.set_ciphertext(std::string(3000 + 16, 'c')); },
      [](Envelope& e) { e.set_ciphertext(""); },
      [](Envelope& e) { e.set_key_commitment(std::string(31, 'k')); },
      [](Envelope& e) { e.set_sealed_tag(std::string(63, 't')); },
      [](Envelope& e) { e.set_directory_hash(std::string(31, 'h')); },
      [](Envelope& e) { e.add_recipient_key_ids(std::string(15, 'i')); },
      [](Envelope& e) { std::swap((*e.mutable_recipient_key_ids())[0], (*e.mutable_recipient_key_ids())[1]); },
      [](Envelope& e) { e.add_recipient_key_ids(e.recipient_key_ids(e.recipient_key_ids_size() - 1)); },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    SubmitReportRequest request = Seal();
    edits[i](*request.mutable_envelope());
    EXPECT_EQ(OpenCode(request), absl::StatusCode::kInvalidArgument) << "edit " << i;
  }
}

TEST_F(EnvelopeTest, RejectsRecordForAnotherRecipient) {
  const SubmitReportRequest request = Seal();
  EXPECT_EQ(OpenAsRecipient(request.envelope(), RecordFor(request, recipients_[1]), recipients_[0], directory_)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  // A record relabelled with our id still does not open with our key.
  candour::v1::CaseKeyRecord relabelled = RecordFor(request, recipients_[1]);
  relabelled.set_recipient_key_id(recipients_[0].key_id);
  EXPECT_EQ(OpenAsRecipient(request.envelope(), relabelled, recipients_[0], directory_).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(EnvelopeAadTest, LayoutFollowsTheSpec) {
  Envelope e;
  e.set_envelope_version(1);
  e.set_report_id(std::string(16, 'r'));
  e.set_directory_version(0x0102030405060708ULL);
  e.set_directory_hash(std::string(32, 'h'));
  e.add_recipient_key_ids(std::string(16, 'a'));
  e.add_recipient_key_ids(std::string(16, 'b'));
  e.set_sealed_tag(std::string(64, 't'));
  const std::string org(16, 'o');
  const std::string expected = std::string("candour.v1/report") + '\0' + org + std::string(16, 'r') +
                               std::string("\x01\0\0\0", 4) + std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8) +
                               std::string(32, 'h') + std::string("\x02\0\0\0", 4) + std::string(16, 'a') +
                               std::string(16, 'b') + DomainHash(kSealedTagHashContext, std::string(64, 't'));
  EXPECT_EQ(HexEncode(EnvelopeAad(e, org)), HexEncode(expected));
}

TEST(EnvelopeEncryptTest, RejectsWrongNonceSize) {
  Envelope e;
  EXPECT_EQ(EncryptContent(SampleContent(), NewCaseKey(), "short", std::string(16, 'o'), e).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
