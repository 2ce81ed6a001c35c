// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/ledger.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

using candour::v1::LedgerEntry;
using candour::v1::ReleasedColumn;
using candour::v1::SignedLedgerEntry;

std::string PlanEntryBytes() {
  LedgerEntry entry;
  entry.set_organisation_id(std::string(16, '\x11'));
  entry.set_sequence(1);
  entry.set_previous_hash(LedgerGenesisHash());
  entry.set_signer_directory_version(3);
  entry.set_signed_day(20500);
  entry.mutable_plan()->set_year("2026-27");
  return entry.SerializeAsString();
}

TEST(LedgerTest, ASignedEntryVerifiesWithItsKeyAndNoOther) {
  const Ed25519KeyPair release = NewEd25519KeyPair();
  const SignedLedgerEntry signed_entry = SignLedgerEntry(PlanEntryBytes(), release);
  absl::StatusOr<LedgerEntry> entry = VerifyLedgerEntry(signed_entry, release.public_key);
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->plan().year(), "2026-27");

  EXPECT_EQ(VerifyLedgerEntry(signed_entry, NewEd25519KeyPair().public_key).status().code(),
            absl::StatusCode::kUnauthenticated);
  SignedLedgerEntry altered = signed_entry;
  altered.mutable_entry()->back() ^= 1;
  EXPECT_EQ(VerifyLedgerEntry(altered, release.public_key).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(LedgerTest, TheSignatureIsOverTheContextAndTheExactBytes) {
  const Ed25519KeyPair release = NewEd25519KeyPair();
  const std::string bytes = PlanEntryBytes();
  const SignedLedgerEntry signed_entry = SignLedgerEntry(bytes, release);
  std::string message(kLedgerSignatureContext);
  message.push_back('\0');
  message += bytes;
  EXPECT_TRUE(VerifySignature(release.public_key, message, signed_entry.signature()));
  // Signed as a directory would be, it must not pass as a ledger entry.
  SignedLedgerEntry other_context;
  other_context.set_entry(bytes);
  other_context.set_signature(Sign(release, std::string(kDirectorySignatureContext) + '\0' + bytes));
  EXPECT_EQ(VerifyLedgerEntry(other_context, release.public_key).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(LedgerTest, SignedButMalformedEntriesAreRefused) {
  const Ed25519KeyPair release = NewEd25519KeyPair();
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry("\xff\xff", release), release.public_key).status().code(),
            absl::StatusCode::kDataLoss);
  LedgerEntry short_hash;
  short_hash.set_sequence(1);
  short_hash.set_previous_hash("abc");
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry(short_hash.SerializeAsString(), release), release.public_key)
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
  // Field 99, unknown to this version.
  std::string unknown = PlanEntryBytes() + std::string("\x98\x06\x01", 3);
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry(unknown, release), release.public_key).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry("", release), release.public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry(PlanEntryBytes(), release), "short").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(LedgerTest, AnEmptyEntryIsBadInputAndAnOversizeOneTooMuch) {
  const Ed25519KeyPair release = NewEd25519KeyPair();
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry("", release), release.public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyLedgerEntry(SignLedgerEntry(std::string(kMaxLedgerEntrySize + 1, 'x'), release), release.public_key)
                .status()
                .code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(LedgerTest, EntryHashIsTheDomainHashOfTheStoredBytes) {
  const std::string bytes = PlanEntryBytes();
  EXPECT_EQ(LedgerEntryHash(bytes), DomainHash(kLedgerEntryHashContext, bytes));
  EXPECT_EQ(LedgerEntryHash(bytes).size(), 32u);
  EXPECT_EQ(LedgerGenesisHash(), std::string(32, '\0'));
}

TEST(LedgerTest, ColumnCommitmentCoversEveryFieldAndTheSalt) {
  ReleasedColumn column;
  column.set_table(candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_KIND);
  column.set_column(2);
  column.set_salt(std::string(kColumnSaltSize, '\x07'));
  column.add_cells(3);
  column.add_cells(-1);
  const std::string commitment = ColumnCommitment(column).value();

  // Layout as docs/PROTOCOL.md §20 writes it.
  std::string message(kColumnSaltSize, '\x07');
  message += std::string("\x03" "\x02\x00\x00\x00" "\x02\x00\x00\x00", 9);
  message += std::string("\x03\x00\x00\x00\x00\x00\x00\x00", 8);
  message += std::string(8, '\xff');
  EXPECT_EQ(commitment, DomainHash(kReleaseColumnContext, message));

  ReleasedColumn changed = column;
  changed.set_cells(1, 0);
  EXPECT_NE(ColumnCommitment(changed).value(), commitment);
  changed = column;
  changed.set_column(1);
  EXPECT_NE(ColumnCommitment(changed).value(), commitment);
  changed = column;
  changed.set_table(candour::v1::INSIGHT_TABLE_DIRECTORATE_BY_SOURCE);
  EXPECT_NE(ColumnCommitment(changed).value(), commitment);
  changed = column;
  changed.add_cells(0);
  EXPECT_NE(ColumnCommitment(changed).value(), commitment);
  changed = column;
  changed.set_salt(NewColumnSalt());
  EXPECT_NE(ColumnCommitment(changed).value(), commitment);
  changed.set_salt("short");
  EXPECT_EQ(ColumnCommitment(changed).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace candour::crypto
