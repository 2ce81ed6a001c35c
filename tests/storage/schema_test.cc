// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/schema.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace candour::storage::schema {
namespace {

TEST(SchemaTest, KeysSortNumerically) {
  EXPECT_LT(DirectoryKey(255), DirectoryKey(256));
  EXPECT_LT(DirectoryKey(1), DirectoryKey(uint64_t{1} << 40));
  EXPECT_LT(ArrivalKey(255, std::string(16, '\xff')), ArrivalKey(256, std::string(16, '\0')));
  EXPECT_LT(AuditKey(255), AuditKey(256));
  EXPECT_EQ(AuditKey(0x0102), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(*DecodeAuditKey(AuditKey(uint64_t{1} << 63)), uint64_t{1} << 63);
  EXPECT_EQ(DecodeAuditKey("short").status().code(), absl::StatusCode::kDataLoss);
}

TEST(SchemaTest, LedgerKeysAreBigEndianSequences) {
  EXPECT_EQ(LedgerKey(0x0102), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_LT(LedgerKey(255), LedgerKey(256));
  EXPECT_EQ(*DecodeLedgerKey(LedgerKey(uint64_t{1} << 63)), uint64_t{1} << 63);
  EXPECT_EQ(DecodeLedgerKey("1234567").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeLedgerKey("123456789").status().code(), absl::StatusCode::kDataLoss);
}

// The families in the order Open creates them. New families are appended,
// never inserted or renamed: an older data dir's families must be a prefix
// of this list (rocksdb_test_support.h's MakeOlderDataDir relies on it).
TEST(SchemaTest, ColumnFamiliesAreTheDocumentedListInOrder) {
  const std::vector<std::string_view> expected = {"default",     "meta",     "reports",           "case_keys",
                                                  "receipts",    "arrivals", "directory",         "accounts",
                                                  "invitations", "sessions", "account_sessions",  "thread",
                                                  "workflow",    "audit",    "audit_checkpoints", "ledger"};
  EXPECT_EQ(std::vector<std::string_view>(kAllColumnFamilies.begin(), kAllColumnFamilies.end()), expected);
  EXPECT_EQ(kAllColumnFamilies.back(), kLedgerCf);
  EXPECT_EQ(std::set<std::string_view>(kAllColumnFamilies.begin(), kAllColumnFamilies.end()).size(),
            kAllColumnFamilies.size());
  EXPECT_EQ(kSchemaVersion, "1");  // "ledger" was added without a bump
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

TEST(SchemaTest, SessionEncodingsRoundTrip) {
  const std::string token(32, '\xff');
  const std::string value = EncodeSessionValue("alice", "record");
  EXPECT_EQ(value, std::string("\x05") + "alice" + "record");
  absl::StatusOr<SessionValue> session = DecodeSessionValue(value);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->account, "alice");
  EXPECT_EQ(session->record, "record");
  const std::string longest = EncodeSessionValue(std::string(64, 'z'), "");
  EXPECT_EQ(DecodeSessionValue(longest)->account, std::string(64, 'z'));
  const std::string key = AccountSessionKey("alice", token);
  EXPECT_EQ(key, std::string("alice\0", 6) + token);
  absl::StatusOr<AccountSessionKeyParts> parts = DecodeAccountSessionKey(key);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->account, "alice");
  EXPECT_EQ(parts->token_hash, token);
}

// "a" is a byte prefix of "a.b" and "a0": the 0x00 separator keeps their
// session keys out of each other's range.
TEST(SchemaTest, AccountSessionRangeHoldsExactlyOneAccount) {
  const std::string names[] = {"a", "a.b", "a-", "a0", "ab", "b"};
  const std::string tokens[] = {std::string(32, '\0'), std::string(32, '\x01'), std::string(32, '\xff')};
  for (const std::string& owner : names) {
    const std::string prefix = AccountSessionPrefix(owner);
    const std::string upper = AccountSessionUpperBound(owner);
    for (const std::string& name : names) {
      for (const std::string& token : tokens) {
        const std::string key = AccountSessionKey(name, token);
        const bool in_range = prefix <= key && key < upper;
        EXPECT_EQ(in_range, name == owner) << owner << " / " << name;
        EXPECT_EQ(key.starts_with(prefix), name == owner) << owner << " / " << name;
      }
    }
  }
}

TEST(SchemaTest, ThreadEntryKeysAreIdThenBigEndianSequence) {
  const std::string id(16, 'i');
  const std::string key = ThreadEntryKey(id, 0x01020304);
  EXPECT_EQ(key, id + "\x01\x02\x03\x04");
  absl::StatusOr<ThreadEntryKeyParts> parts = DecodeThreadEntryKey(key);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->report_id, id);
  EXPECT_EQ(parts->sequence, 0x01020304u);
  EXPECT_LT(ThreadEntryKey(id, 255), ThreadEntryKey(id, 256));
  EXPECT_LT(ThreadEntryKey(id, 9999), ThreadEntryKey(id, 10000));
  EXPECT_EQ(ThreadPrefix(id), id);
}

// Ids that differ only in their last byte, with 0x00 and 0xff at the edges:
// each thread's range holds its own keys and no other id's.
TEST(SchemaTest, ThreadRangeHoldsExactlyOneReport) {
  const std::string base(15, '\xff');
  const std::string ids[] = {
      base + '\x00',        base + '\x01', base + '\xfe', base + '\xff', std::string(15, '\0') + '\xff',
      std::string(16, '\0')};
  EXPECT_FALSE(ThreadUpperBound(base + '\xff').has_value());
  EXPECT_EQ(*ThreadUpperBound(base + '\xfe'), base + '\xff');
  EXPECT_EQ(*ThreadUpperBound(std::string(15, '\0') + '\xff'), std::string(14, '\0') + '\x01');
  for (const std::string& owner : ids) {
    const std::optional<std::string> upper = ThreadUpperBound(owner);
    for (const std::string& id : ids) {
      for (uint32_t sequence : {1u, 256u, 10000u, UINT32_MAX}) {
        const std::string key = ThreadEntryKey(id, sequence);
        const bool in_range = ThreadPrefix(owner) <= key && (!upper.has_value() || key < *upper);
        EXPECT_EQ(in_range, id == owner) << static_cast<int>(static_cast<unsigned char>(owner.back())) << " / "
                                         << static_cast<int>(static_cast<unsigned char>(id.back()));
        EXPECT_EQ(key.starts_with(ThreadPrefix(owner)), id == owner);
      }
    }
  }
}

TEST(SchemaTest, MalformedStoredBytesAreDataLoss) {
  EXPECT_EQ(DecodeReportValue("abc").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeReceiptValue("short").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeArrivalKey("short").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeDirectoryKey("1234567").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecipientKeyIdOf(std::string(31, 'x')).status().code(), absl::StatusCode::kDataLoss);
  for (const std::string& value : {std::string(), std::string("\0record", 7), std::string("\x06alice")}) {
    EXPECT_EQ(DecodeSessionValue(value).status().code(), absl::StatusCode::kDataLoss);
  }
  const std::string token(32, 't');
  for (const std::string& key : {std::string(), std::string("a\0", 2) + std::string(31, 't'),  // short hash
                                 std::string(1, '\0') + token,                                 // empty name
                                 std::string("a", 1) + 'x' + token,                            // no separator
                                 std::string("a\0b\0", 4) + token}) {                          // 0x00 in name
    EXPECT_EQ(DecodeAccountSessionKey(key).status().code(), absl::StatusCode::kDataLoss);
  }
  for (const std::string& key : {std::string(), std::string(16, 'i'), std::string(19, 'i'), std::string(21, 'i')}) {
    EXPECT_EQ(DecodeThreadEntryKey(key).status().code(), absl::StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace candour::storage::schema
