// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/sealed_tag.h"

#include <gtest/gtest.h>

#include "crypto/bytes.h"

namespace candour::crypto {
namespace {

constexpr AggregationTag kValid{42, 2, 0x0021, 1};

TEST(SealedTagTest, EncodesFixedLayout) { EXPECT_EQ(HexEncode(EncodeTag(kValid)), "012a0000000221000100000000000000"); }

TEST(SealedTagTest, AcceptsFieldsAtTheEdgesOfTheirRanges) {
  for (AggregationTag tag : {AggregationTag{1, 1, 0x0001, 1}, AggregationTag{0xffffffff, 6, 0x01ff, 5},
                             AggregationTag{7, 3, kNoneOrNotSureBit, 2}}) {
    EXPECT_TRUE(ValidateTag(tag).ok());
    absl::StatusOr<AggregationTag> decoded = DecodeTag(EncodeTag(tag));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->department_id, tag.department_id);
    EXPECT_EQ(decoded->kind, tag.kind);
    EXPECT_EQ(decoded->characteristics, tag.characteristics);
    EXPECT_EQ(decoded->source, tag.source);
  }
}

TEST(SealedTagTest, RejectsFieldsOutOfRange) {
  const AggregationTag bad[] = {
      {0, 2, 0x0021, 1},                       // department 0
      {42, 0, 0x0021, 1},                      // kind 0
      {42, 7, 0x0021, 1},                      // kind 7
      {42, 2, 0x0000, 1},                      // no characteristic
      {42, 2, 0x0400, 1},                      // bit 10
      {42, 2, kNoneOrNotSureBit | 0x0001, 1},  // "none" with another
      {42, 2, 0x0021, 0},                      // source 0
      {42, 2, 0x0021, 6},                      // source 6
  };
  const X25519KeyPair key = NewX25519KeyPair();
  for (const AggregationTag& tag : bad) {
    EXPECT_EQ(ValidateTag(tag).code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(SealTag(tag, key.public_key).status().code(), absl::StatusCode::kInvalidArgument);
    // The same bytes arriving from storage are data loss, not bad input.
    EXPECT_EQ(DecodeTag(EncodeTag(tag)).status().code(), absl::StatusCode::kDataLoss);
  }
}

TEST(SealedTagTest, DecodeRejectsWrongSizeVersionOrReservedBytes) {
  const std::string good = EncodeTag(kValid);
  EXPECT_EQ(DecodeTag(good.substr(1)).status().code(), absl::StatusCode::kDataLoss);
  std::string wrong_version = good;
  wrong_version[0] = 2;
  EXPECT_EQ(DecodeTag(wrong_version).status().code(), absl::StatusCode::kDataLoss);
  for (size_t i = 9; i < kTagSize; ++i) {
    std::string reserved = good;
    reserved[i] = 1;
    EXPECT_EQ(DecodeTag(reserved).status().code(), absl::StatusCode::kDataLoss) << i;
  }
}

TEST(SealedTagTest, SealedTagIs64BytesAndOpensWithAggregationKey) {
  const X25519KeyPair key = NewX25519KeyPair();
  absl::StatusOr<std::string> sealed = SealTag(kValid, key.public_key);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), kSealedTagSize);
  absl::StatusOr<AggregationTag> opened = OpenTag(*sealed, key);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(EncodeTag(*opened), EncodeTag(kValid));
  // Sealing is randomised: equal tags do not give equal sealed tags.
  EXPECT_NE(*SealTag(kValid, key.public_key), *sealed);
}

TEST(SealedTagTest, OpenRejectsWrongKeyAlteredBytesAndWrongSize) {
  const X25519KeyPair key = NewX25519KeyPair();
  const std::string sealed = *SealTag(kValid, key.public_key);
  EXPECT_EQ(OpenTag(sealed, NewX25519KeyPair()).status().code(), absl::StatusCode::kDataLoss);
  std::string altered = sealed;
  altered[50] ^= 0x01;
  EXPECT_EQ(OpenTag(altered, key).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenTag(sealed.substr(0, 63), key).status().code(), absl::StatusCode::kDataLoss);
}

TEST(SealedTagTest, OpenRejectsWellSealedButInvalidContent) {
  const X25519KeyPair key = NewX25519KeyPair();
  std::string bad_layout = EncodeTag(kValid);
  bad_layout[15] = 1;
  const std::string sealed = *SealTo(key.public_key, AsBytes(bad_layout));
  EXPECT_EQ(OpenTag(sealed, key).status().code(), absl::StatusCode::kDataLoss);
}

TEST(SealedTagTest, SealRejectsShortKey) {
  EXPECT_EQ(SealTag(kValid, "short").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
