// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/receipt.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

constexpr std::string_view kKnownCode = "10123456789ABCDEFGHJKMNPQRSB";  // docs/PROTOCOL.md vector

std::string Canonical(const ReceiptCode& code) { return std::string(code.canonical()); }

TEST(ReceiptTest, GeneratedCodesParseBackAndDiffer) {
  const ReceiptCode a = ReceiptCode::Generate();
  const ReceiptCode b = ReceiptCode::Generate();
  EXPECT_NE(Canonical(a), Canonical(b));
  EXPECT_EQ(a.canonical().size(), kReceiptCanonicalLength);
  EXPECT_EQ(a.canonical()[0], '1');
  absl::StatusOr<ReceiptCode> parsed = ReceiptCode::Parse(a.canonical());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Canonical(*parsed), Canonical(a));
}

TEST(ReceiptTest, DisplayIsSevenGroupsOfFour) {
  const ReceiptCode code = *ReceiptCode::Parse(kKnownCode);
  EXPECT_EQ(code.Display().view(), "1012-3456-789A-BCDE-FGHJ-KMNP-QRSB");
  EXPECT_EQ(Canonical(*ReceiptCode::Parse(code.Display().view())), kKnownCode);
}

TEST(ReceiptTest, ParseNormalisesCaseSeparatorsAndLookAlikes) {
  absl::StatusOr<ReceiptCode> parsed = ReceiptCode::Parse(" 1o12 3456-789a-bcde-fghj-kmnp-qrsb ");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(Canonical(*parsed), kKnownCode);
  // I and L read as 1, O as 0.
  EXPECT_EQ(Canonical(*ReceiptCode::Parse("L0I23456789ABCDEFGHJKMNPQRSB")), kKnownCode);
}

TEST(ReceiptTest, NormaliseTypedCodeChecksNeitherLengthNorAlphabet) {
  EXPECT_EQ(NormaliseTypedCode(" ab-o il u*").view(), "AB011U*");
  EXPECT_EQ(NormaliseTypedCode("").view(), "");
}

TEST(ReceiptTest, RejectsWrongLength) {
  EXPECT_EQ(ReceiptCode::Parse(kKnownCode.substr(1)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReceiptCode::Parse(std::string(kKnownCode) + "0").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReceiptCode::Parse("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReceiptTest, RejectsCharactersOutsideTheAlphabet) {
  std::string code(kKnownCode);
  code[5] = 'U';
  EXPECT_EQ(ReceiptCode::Parse(code).status().code(), absl::StatusCode::kInvalidArgument);
  code[5] = '*';
  EXPECT_EQ(ReceiptCode::Parse(code).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReceiptTest, RejectsOtherVersionsWhateverTheCheckChar) {
  std::string code(kKnownCode);
  code[0] = '2';
  for (char check : kReceiptAlphabet) {
    code.back() = check;
    EXPECT_FALSE(ReceiptCode::Parse(code).ok()) << check;
  }
}

TEST(ReceiptTest, CheckCharDetectsEverySingleSubstitution) {
  for (int round = 0; round < 20; ++round) {
    const std::string code = Canonical(ReceiptCode::Generate());
    for (size_t i = 1; i < code.size(); ++i) {
      for (char c : kReceiptAlphabet) {
        if (c == code[i]) continue;
        std::string typo = code;
        typo[i] = c;
        ASSERT_FALSE(ReceiptCode::Parse(typo).ok()) << "position " << i;
      }
    }
  }
}

TEST(ReceiptTest, CheckCharDetectsAdjacentTranspositions) {
  // Luhn mod 32 misses only swapping the values 0 and 31 ('0' and 'Z'), as
  // decimal Luhn misses 09 <-> 90.
  for (int round = 0; round < 200; ++round) {
    const std::string code = Canonical(ReceiptCode::Generate());
    for (size_t i = 1; i + 1 < code.size(); ++i) {
      const char a = code[i], b = code[i + 1];
      if (a == b || (a == '0' && b == 'Z') || (a == 'Z' && b == '0')) continue;
      std::string typo = code;
      std::swap(typo[i], typo[i + 1]);
      ASSERT_FALSE(ReceiptCode::Parse(typo).ok()) << "position " << i;
    }
  }
}

TEST(ReceiptTest, ErrorMessagesNeverEchoTheCode) {
  std::string typo(kKnownCode);
  typo[10] = typo[10] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {typo, typo.substr(2), typo + "U"}) {
    const absl::Status status = ReceiptCode::Parse(bad).status();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(std::string(status.message()).find("3456"), std::string::npos) << status;
    EXPECT_EQ(std::string(status.message()).find("KMNP"), std::string::npos) << status;
  }
}

TEST(ReceiptTest, DerivedKeysAreDeterministicAndDistinct) {
  const ReceiptCode code = *ReceiptCode::Parse(kKnownCode);
  const ReceiptKeys a = DeriveReceiptKeys(code);
  const ReceiptKeys b = DeriveReceiptKeys(code);
  EXPECT_EQ(a.lookup_hash, b.lookup_hash);
  EXPECT_EQ(a.box.public_key, b.box.public_key);
  EXPECT_EQ(a.sign.public_key, b.sign.public_key);
  EXPECT_EQ(a.lookup_hash, DomainHash(kReceiptLookupContext, AsChars(a.lookup.span())));
  const ReceiptKeys other = DeriveReceiptKeys(ReceiptCode::Generate());
  EXPECT_NE(other.lookup_hash, a.lookup_hash);
  EXPECT_NE(other.box.public_key, a.box.public_key);
}

TEST(ReceiptTest, DerivedBoxKeyOpensWhatIsSealedToIt) {
  const ReceiptKeys keys = DeriveReceiptKeys(ReceiptCode::Generate());
  absl::StatusOr<SecretBytes> opened = OpenSealed(keys.box, *SealTo(keys.box.public_key, AsBytes("case key")));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), "case key");
  EXPECT_TRUE(VerifySignature(keys.sign.public_key, "m", Sign(keys.sign, "m")));
}

}  // namespace
}  // namespace candour::crypto
