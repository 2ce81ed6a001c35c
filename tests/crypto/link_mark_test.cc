// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/link_mark.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace candour::crypto {
namespace {

const std::string kOrg(16, '\x11');

class LinkMarkTest : public ::testing::Test {
 protected:
  LinkMark Mark() const {
    return {std::string(16, 'a'), std::string(16, 'b'), candour::v1::LINK_RELATION_DUPLICATE, guardian_.key_id};
  }
  absl::StatusOr<LinkMark> Open(std::string_view sealed, std::string_view org = kOrg) const {
    return OpenLinkMark(sealed, aggregation_, org, [&](std::string_view id) -> std::optional<std::string> {
      if (id == guardian_.key_id) return guardian_.sign.public_key;
      return std::nullopt;
    });
  }
  const RecipientKeys guardian_ = NewRecipientKeys();
  const X25519KeyPair aggregation_ = NewX25519KeyPair();
};

TEST_F(LinkMarkTest, SealsToTheAggregationKeyAndOpensWithTheAuthorsSignature) {
  absl::StatusOr<std::string> sealed = SealLinkMark(Mark(), guardian_.sign, kOrg, aggregation_.public_key);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(sealed->size(), kSealedLinkMarkSize);
  absl::StatusOr<LinkMark> opened = Open(*sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->report_id, Mark().report_id);
  EXPECT_EQ(opened->other_report_id, Mark().other_report_id);
  EXPECT_EQ(opened->relation, candour::v1::LINK_RELATION_DUPLICATE);
  EXPECT_EQ(opened->author_key_id, guardian_.key_id);
}

TEST_F(LinkMarkTest, AMarkTheServerMadeUpDoesNotVerify) {
  // The server knows the aggregation public key and a Guardian's key id, but
  // not the Guardian's signing key.
  const RecipientKeys server = NewRecipientKeys();
  absl::StatusOr<std::string> forged = SealLinkMark(Mark(), server.sign, kOrg, aggregation_.public_key);
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(Open(*forged).status().code(), absl::StatusCode::kUnauthenticated);
  // Another organisation's mark, and an unknown author.
  absl::StatusOr<std::string> other_org = SealLinkMark(Mark(), guardian_.sign, "other-org", aggregation_.public_key);
  EXPECT_EQ(Open(*other_org).status().code(), absl::StatusCode::kUnauthenticated);
  LinkMark stranger = Mark();
  stranger.author_key_id = std::string(16, 's');
  EXPECT_EQ(Open(*SealLinkMark(stranger, guardian_.sign, kOrg, aggregation_.public_key)).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(LinkMarkTest, RefusesMalformedMarks) {
  LinkMark self = Mark();
  self.other_report_id = self.report_id;
  EXPECT_EQ(SealLinkMark(self, guardian_.sign, kOrg, aggregation_.public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
  LinkMark unknown = Mark();
  unknown.relation = static_cast<candour::v1::LinkRelation>(9);
  EXPECT_EQ(SealLinkMark(unknown, guardian_.sign, kOrg, aggregation_.public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
  LinkMark short_id = Mark();
  short_id.report_id = "short";
  EXPECT_EQ(SealLinkMark(short_id, guardian_.sign, kOrg, aggregation_.public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Sealed to another aggregation key, or cut short.
  const X25519KeyPair other = NewX25519KeyPair();
  absl::StatusOr<std::string> elsewhere = SealLinkMark(Mark(), guardian_.sign, kOrg, other.public_key);
  EXPECT_EQ(Open(*elsewhere).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Open(elsewhere->substr(1)).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace candour::crypto
