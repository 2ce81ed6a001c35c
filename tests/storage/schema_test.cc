// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/schema.h"

#include <string>

#include "gtest/gtest.h"

namespace candour::storage::schema {
namespace {

TEST(SchemaTest, KeysSortNumerically) {
  EXPECT_LT(DirectoryKey(255), DirectoryKey(256));
  EXPECT_LT(DirectoryKey(1), DirectoryKey(uint64_t{1} << 40));
  EXPECT_LT(ArrivalKey(255, std::string(16, '\xff')), ArrivalKey(256, std::string(16, '\0')));
}

TEST(SchemaTest, EncodingsRoundTrip) {
  const std::string id(16, 'i');
  // Decoded views point into their input, so the encodings are kept alive.
  const std::string report_value = EncodeReportValue(20418, "env");
  absl::StatusOr<ReportValue> report = DecodeReportValue(report_value);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->received_day, 20418);
  EXPECT_EQ(report->envelope, "env");
  const std::string arrival_key = ArrivalKey(7, id);
  absl::StatusOr<ArrivalKeyParts> arrival = DecodeArrivalKey(arrival_key);
  ASSERT_TRUE(arrival.ok());
  EXPECT_EQ(arrival->day, 7);
  EXPECT_EQ(arrival->report_id, id);
  const std::string receipt_value = EncodeReceiptValue(id, "sealed");
  absl::StatusOr<ReceiptValue> receipt = DecodeReceiptValue(receipt_value);
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->report_id, id);
  EXPECT_EQ(receipt->sealed_case_key, "sealed");
  EXPECT_EQ(*DecodeDirectoryKey(DirectoryKey(123456789)), 123456789u);
  const std::string case_key_key = CaseKeyKey(id, std::string(16, 'k'));
  EXPECT_EQ(*RecipientKeyIdOf(case_key_key), std::string(16, 'k'));
}

TEST(SchemaTest, MalformedStoredBytesAreDataLoss) {
  EXPECT_EQ(DecodeReportValue("abc").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeReceiptValue("short").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeArrivalKey("short").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeDirectoryKey("1234567").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecipientKeyIdOf(std::string(31, 'x')).status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace candour::storage::schema
