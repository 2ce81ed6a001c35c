// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "storage/schema.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "storage/report_store.h"

namespace candour::storage::schema {
namespace {

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void AppendU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t ReadBigEndian(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

// The keys of "directory", "audit", "audit_checkpoints" and "ledger".
std::string U64Key(uint64_t number) {
  std::string out;
  AppendU64(out, number);
  return out;
}

absl::StatusOr<uint64_t> DecodeU64Key(std::string_view key, const char* family) {
  if (key.size() != 8) return absl::DataLossError(absl::StrCat("stored ", family, " key has the wrong size"));
  return ReadBigEndian(key);
}

}  // namespace

std::string EncodeReportValue(int32_t received_day, std::string_view envelope) {
  std::string out;
  out.reserve(4 + envelope.size());
  AppendU32(out, static_cast<uint32_t>(received_day));
  out.append(envelope);
  return out;
}

absl::StatusOr<ReportValue> DecodeReportValue(std::string_view value) {
  if (value.size() < 4) return absl::DataLossError("stored report value is shorter than its day field");
  return ReportValue{static_cast<int32_t>(ReadBigEndian(value.substr(0, 4))), value.substr(4)};
}

std::string CaseKeyKey(std::string_view report_id, std::string_view recipient_key_id) {
  std::string out;
  out.reserve(report_id.size() + recipient_key_id.size());
  out.append(report_id);
  out.append(recipient_key_id);
  return out;
}

absl::StatusOr<std::string_view> RecipientKeyIdOf(std::string_view case_key_key) {
  if (case_key_key.size() != kReportIdSize + kRecipientKeyIdSize) {
    return absl::DataLossError("stored case key key has the wrong size");
  }
  return case_key_key.substr(kReportIdSize);
}

std::string EncodeReceiptValue(std::string_view report_id, std::string_view sealed_case_key) {
  std::string out;
  out.reserve(report_id.size() + sealed_case_key.size());
  out.append(report_id);
  out.append(sealed_case_key);
  return out;
}

absl::StatusOr<ReceiptValue> DecodeReceiptValue(std::string_view value) {
  if (value.size() < kReportIdSize) return absl::DataLossError("stored receipt is shorter than a report id");
  return ReceiptValue{value.substr(0, kReportIdSize), value.substr(kReportIdSize)};
}

std::string ArrivalKey(int32_t day, std::string_view report_id) {
  std::string out = ArrivalDayPrefix(day);
  out.append(report_id);
  return out;
}

std::string ArrivalDayPrefix(int32_t day) {
  std::string out;
  AppendU32(out, static_cast<uint32_t>(day));
  return out;
}

absl::StatusOr<ArrivalKeyParts> DecodeArrivalKey(std::string_view key) {
  if (key.size() != 4 + kReportIdSize) return absl::DataLossError("stored arrival key has the wrong size");
  return ArrivalKeyParts{static_cast<int32_t>(ReadBigEndian(key.substr(0, 4))), key.substr(4)};
}

std::string DirectoryKey(uint64_t version) { return U64Key(version); }

absl::StatusOr<uint64_t> DecodeDirectoryKey(std::string_view key) { return DecodeU64Key(key, "directory"); }

std::string AuditKey(uint64_t sequence) { return U64Key(sequence); }

absl::StatusOr<uint64_t> DecodeAuditKey(std::string_view key) { return DecodeU64Key(key, "audit"); }

std::string LedgerKey(uint64_t sequence) { return U64Key(sequence); }

absl::StatusOr<uint64_t> DecodeLedgerKey(std::string_view key) { return DecodeU64Key(key, "ledger"); }

std::string EncodeSessionValue(std::string_view account, std::string_view record) {
  std::string out;
  out.reserve(1 + account.size() + record.size());
  out.push_back(static_cast<char>(static_cast<uint8_t>(account.size())));
  out.append(account);
  out.append(record);
  return out;
}

absl::StatusOr<SessionValue> DecodeSessionValue(std::string_view value) {
  if (value.empty()) return absl::DataLossError("stored session is empty");
  const size_t name_size = static_cast<unsigned char>(value[0]);
  if (name_size == 0) return absl::DataLossError("stored session names an empty account");
  if (value.size() - 1 < name_size) return absl::DataLossError("stored session is shorter than its account name");
  return SessionValue{value.substr(1, name_size), value.substr(1 + name_size)};
}

std::string AccountSessionKey(std::string_view account, std::string_view token_hash) {
  std::string out = AccountSessionPrefix(account);
  out.append(token_hash);
  return out;
}

std::string AccountSessionPrefix(std::string_view account) {
  std::string out;
  out.reserve(account.size() + 1 + kSecretHashSize);
  out.append(account);
  out.push_back('\0');
  return out;
}

std::string AccountSessionUpperBound(std::string_view account) {
  std::string out(account);
  out.push_back('\x01');
  return out;
}

absl::StatusOr<AccountSessionKeyParts> DecodeAccountSessionKey(std::string_view key) {
  if (key.size() < 2 + kSecretHashSize) return absl::DataLossError("stored account session key is too short");
  const size_t separator = key.size() - kSecretHashSize - 1;
  const std::string_view account = key.substr(0, separator);
  if (key[separator] != '\0' || account.find('\0') != std::string_view::npos) {
    return absl::DataLossError("stored account session key is not name, 0x00, token hash");
  }
  return AccountSessionKeyParts{account, key.substr(separator + 1)};
}

std::string ThreadEntryKey(std::string_view report_id, uint32_t sequence) {
  std::string out;
  out.reserve(report_id.size() + 4);
  out.append(report_id);
  AppendU32(out, sequence);
  return out;
}

// The shortest string above every string with the prefix: drop trailing 0xff
// bytes, then add one to the last byte left.
std::optional<std::string> ThreadUpperBound(std::string_view report_id) {
  std::string out(report_id);
  while (!out.empty() && static_cast<unsigned char>(out.back()) == 0xff) out.pop_back();
  if (out.empty()) return std::nullopt;
  out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
  return out;
}

absl::StatusOr<ThreadEntryKeyParts> DecodeThreadEntryKey(std::string_view key) {
  if (key.size() != kReportIdSize + 4) return absl::DataLossError("stored thread entry key has the wrong size");
  return ThreadEntryKeyParts{key.substr(0, kReportIdSize),
                             static_cast<uint32_t>(ReadBigEndian(key.substr(kReportIdSize)))};
}

}  // namespace candour::storage::schema
