// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/access_proof.h"

#include "crypto/bytes.h"
#include "gtest/gtest.h"

namespace candour::crypto {
namespace {

TEST(AccessProofTest, MessageIsContextReportIdKeyIdAndLittleEndianTime) {
  std::string report_id(16, '\x01'), key_id(16, '\x02');
  std::string m = ReportAccessMessage(report_id, key_id, 0x0102030405060708);
  EXPECT_EQ(m, std::string("candour.v1/report-access") + '\0' + report_id + key_id +
                   std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8));
}

TEST(AccessProofTest, VerifiesOnlyTheSignedReportKeyAndTime) {
  RecipientKeys keys = NewRecipientKeys();
  std::string report_id(16, 'r');
  std::string sig = SignReportAccess(keys, report_id, 1800000000);
  EXPECT_TRUE(VerifyReportAccess(keys.sign.public_key, report_id, keys.key_id, 1800000000, sig));
  EXPECT_FALSE(VerifyReportAccess(keys.sign.public_key, std::string(16, 's'), keys.key_id, 1800000000, sig));
  EXPECT_FALSE(VerifyReportAccess(keys.sign.public_key, report_id, keys.key_id, 1800000001, sig));
  EXPECT_FALSE(VerifyReportAccess(keys.sign.public_key, report_id, std::string(16, 'k'), 1800000000, sig));
  RecipientKeys other = NewRecipientKeys();
  EXPECT_FALSE(VerifyReportAccess(other.sign.public_key, report_id, keys.key_id, 1800000000, sig));
  sig[0] ^= 1;
  EXPECT_FALSE(VerifyReportAccess(keys.sign.public_key, report_id, keys.key_id, 1800000000, sig));
}

}  // namespace
}  // namespace candour::crypto
