// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/bytes.h"

#include <gtest/gtest.h>

namespace candour::crypto {
namespace {

TEST(BytesTest, HexRoundTripsAndIsLowercase) {
  const std::string bytes("\x00\x01\xab\xff", 4);
  EXPECT_EQ(HexEncode(bytes), "0001abff");
  EXPECT_EQ(*HexDecode("0001ABff"), bytes);
  EXPECT_EQ(*HexDecode(""), "");
}

TEST(BytesTest, HexRejectsOddLengthAndNonDigits) {
  EXPECT_EQ(HexDecode("abc").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HexDecode("zz").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HexDecode("ab cd").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(BytesTest, Base64MatchesRfc4648Examples) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*Base64Decode("Zm8="), "fo");
}

TEST(BytesTest, Base64RejectsNonCanonicalText) {
  for (std::string_view bad : {"Zm8", "Zm9=", "Zm8=\n", "Zm 8=", "Zm8==", "Z", "Zm-_"}) {
    EXPECT_EQ(Base64Decode(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(BytesTest, AppendsLittleEndian) {
  std::string out;
  AppendU16Le(out, 0x0102);
  AppendU32Le(out, 0x03040506);
  AppendU64Le(out, 0x0708090a0b0c0d0eULL);
  EXPECT_EQ(HexEncode(out),
            "020106050403"
            "0e0d0c0b0a090807");
}

}  // namespace
}  // namespace candour::crypto
