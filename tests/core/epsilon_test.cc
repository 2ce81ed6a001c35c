// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/epsilon.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace candour::core {
namespace {

using noise::Fraction;

Fraction F(uint64_t num, uint64_t den) { return noise::MakeFraction(num, den).value; }

TEST(EpsilonTest, ParsesDecimalsAndFractionsExactly) {
  const struct {
    std::string text;
    Fraction want;
  } cases[] = {
      {"0.7", F(7, 10)},
      {"7/10", F(7, 10)},
      {"14/20", F(7, 10)},
      {"1/20", F(1, 20)},
      {"0.05", F(1, 20)},
      {"2", F(2, 1)},
      {"2.50", F(5, 2)},
      {"0.1", F(1, 10)},
      {"1/3", F(1, 3)},
      {"000000001", F(1, 1)},
      {"0.00000001", F(1, 100000000)},
      {"999999999", F(999999999, 1)},
      {"12345.6789", F(123456789, 10000)},
      {"999999999/999999998", F(999999999, 999999998)},
  };
  for (const auto& c : cases) {
    absl::StatusOr<Fraction> got = ParseEpsilon(c.text);
    ASSERT_TRUE(got.ok()) << c.text << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.text;
  }
}

TEST(EpsilonTest, RejectsMalformedZeroNegativeAndLongText) {
  const std::vector<std::string> bad = {"",
                                        "0",
                                        "0.0",
                                        "0/5",
                                        "5/0",
                                        "-1",
                                        "-0.7",
                                        "+1",
                                        " 1",
                                        "1 ",
                                        "1.",
                                        ".5",
                                        "1e-3",
                                        "1E3",
                                        "1,5",
                                        "0x1",
                                        "1/2/3",
                                        "1.5/2",
                                        "/2",
                                        "2/",
                                        "/",
                                        ".",
                                        "nan",
                                        "inf",
                                        "0.7\n",
                                        "\xef\xbc\x91",  // a full-width digit one
                                        "0.000000001",   // ten digits
                                        "1234567890",
                                        "1/1234567890",
                                        "1234567890/2",
                                        "0.1234567890"};
  for (const std::string& text : bad) {
    absl::StatusOr<Fraction> got = ParseEpsilon(text);
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << "\"" << text << "\"";
  }
  EXPECT_NE(ParseEpsilon("-1").status().message().find("0.7"), std::string::npos);  // carries the hint
}

TEST(EpsilonTest, FormatsTheShortestExactForm) {
  EXPECT_EQ(FormatEpsilon(F(7, 10)), "0.7");
  EXPECT_EQ(FormatEpsilon(F(5, 2)), "2.5");
  EXPECT_EQ(FormatEpsilon(F(3, 1)), "3");
  EXPECT_EQ(FormatEpsilon(F(1, 20)), "0.05");
  EXPECT_EQ(FormatEpsilon(F(1, 256)), "0.00390625");
  EXPECT_EQ(FormatEpsilon(F(1, 100000000)), "0.00000001");
  EXPECT_EQ(FormatEpsilon(F(7, 30)), "7/30");
  EXPECT_EQ(FormatEpsilon(F(1, 3)), "1/3");
  EXPECT_EQ(FormatEpsilon(F(1, 1024)), "1/1024");            // 0.0009765625 has ten digits
  EXPECT_EQ(FormatEpsilon(F(999999999, 2)), "999999999/2");  // 499999999.5 has ten
  EXPECT_EQ(FormatEpsilon(F(123456789, 10000)), "12345.6789");
}

TEST(EpsilonTest, FormatThenParseGivesTheSameFraction) {
  int checked = 0;
  for (uint64_t den = 1; den <= 300; ++den) {
    for (uint64_t num = 1; num <= 300; ++num) {
      const Fraction e = F(num, den);
      absl::StatusOr<Fraction> back = ParseEpsilon(FormatEpsilon(e));
      ASSERT_TRUE(back.ok()) << num << "/" << den << " as " << FormatEpsilon(e);
      ASSERT_EQ(*back, e) << num << "/" << den << " as " << FormatEpsilon(e);
      ++checked;
    }
  }
  // And the extremes of what ParseEpsilon accepts.
  for (const Fraction e : {F(1, 999999999), F(999999999, 1), F(999999999, 999999998), F(1, 100000000), F(1, 536870912),
                           F(123456789, 1000)}) {
    absl::StatusOr<Fraction> back = ParseEpsilon(FormatEpsilon(e));
    ASSERT_TRUE(back.ok()) << FormatEpsilon(e);
    EXPECT_EQ(*back, e) << FormatEpsilon(e);
  }
  EXPECT_EQ(checked, 90000);
}

}  // namespace
}  // namespace candour::core
