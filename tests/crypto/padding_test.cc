// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/padding.h"

#include <gtest/gtest.h>

#include <string>

namespace candour::crypto {
namespace {

TEST(PaddingTest, BucketSizesArePowersOfTwoFrom1KTo64K) {
  for (size_t n : {1024, 2048, 4096, 8192, 16384, 32768, 65536}) EXPECT_TRUE(IsBucketSize(n)) << n;
  for (size_t n : {0, 512, 1023, 1025, 3072, 131072}) EXPECT_FALSE(IsBucketSize(n)) << n;
}

TEST(PaddingTest, BucketLeavesRoomForTheMarker) {
  const std::pair<size_t, size_t> cases[] = {{0, 1024},    {1023, 1024},   {1024, 2048},   {2047, 2048},
                                             {2048, 4096}, {32767, 32768}, {32768, 65536}, {65535, 65536}};
  for (auto [size, bucket] : cases) EXPECT_EQ(*BucketFor(size), bucket) << size;
}

TEST(PaddingTest, RejectsContentOf64KOrMore) {
  EXPECT_EQ(BucketFor(65536).status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Pad(std::string(65536, 'x')).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(PaddingTest, PadsWithMarkerThenZerosAndRoundTrips) {
  absl::StatusOr<SecretBytes> padded = Pad("hello");
  ASSERT_TRUE(padded.ok());
  ASSERT_EQ(padded->size(), 1024u);
  EXPECT_EQ(padded->view().substr(0, 6), "hello\x80");
  EXPECT_EQ(padded->view().substr(6), std::string(1018, '\0'));
  absl::StatusOr<SecretBytes> content = Unpad(std::move(*padded));
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->view(), "hello");
}

TEST(PaddingTest, RoundTripsEmptyAndFullBucketContent) {
  for (size_t n : {0, 1023, 65535}) {
    const std::string content(n, '\x80');  // the marker byte inside content is fine
    absl::StatusOr<SecretBytes> content_back = Unpad(*Pad(content));
    ASSERT_TRUE(content_back.ok()) << n;
    EXPECT_EQ(content_back->view(), content);
  }
}

TEST(PaddingTest, UnpadRejectsNonBucketSizes) {
  EXPECT_EQ(Unpad(SecretBytes::CopyOf(std::string(1000, '\0'))).status().code(), absl::StatusCode::kDataLoss);
}

TEST(PaddingTest, UnpadRejectsMissingMarkerOrNonzeroTail) {
  EXPECT_EQ(Unpad(SecretBytes(1024)).status().code(), absl::StatusCode::kDataLoss);
  std::string bad = std::string("hi\x80", 3) + std::string(1021, '\0');
  bad[1000] = 1;
  EXPECT_EQ(Unpad(SecretBytes::CopyOf(bad)).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace candour::crypto
