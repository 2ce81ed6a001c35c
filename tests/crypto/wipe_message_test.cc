// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/wipe_message.h"

#include "candour/v1/report.pb.h"
#include "gtest/gtest.h"

namespace candour::crypto {
namespace {

bool AllZero(const std::string& s) {
  for (char c : s) {
    if (c != 0) return false;
  }
  return true;
}

TEST(WipeMessageTest, ZeroesNestedAndRepeatedStringsInPlace) {
  candour::v1::ReportContent c;
  c.set_what_happened("the charge nurse mocked my accent");
  c.set_impact("I dread every shift");
  c.mutable_identity()->set_name("Adaeze");
  c.mutable_identity()->set_contact("adaeze@example.nhs.uk");
  c.set_followup_signing_public_key(std::string(32, 'k'));
  const char* narrative = c.what_happened().data();
  ZeroStrings(c);
  // The same buffer, now zeros: nothing left for the allocator to hand on.
  EXPECT_EQ(c.what_happened().data(), narrative);
  EXPECT_EQ(c.what_happened().size(), 33u);
  EXPECT_TRUE(AllZero(c.what_happened()));
  EXPECT_TRUE(AllZero(c.impact()));
  EXPECT_TRUE(AllZero(c.identity().name()));
  EXPECT_TRUE(AllZero(c.identity().contact()));
  EXPECT_TRUE(AllZero(c.followup_signing_public_key()));
}

TEST(WipeMessageTest, ZeroesUnknownLengthDelimitedFields) {
  candour::v1::ReportContent c;
  c.GetReflection()->MutableUnknownFields(&c)->AddLengthDelimited(999, "from a newer client");
  ZeroStrings(c);
  EXPECT_TRUE(AllZero(c.GetReflection()->GetUnknownFields(c).field(0).length_delimited()));
}

TEST(WipeMessageTest, WipeClearsAfterZeroing) {
  candour::v1::ReportContent c;
  c.set_what_happened("x");
  WipeMessage(c);
  EXPECT_TRUE(c.what_happened().empty());
  std::string s = "secret";
  WipeString(s);
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace candour::crypto
