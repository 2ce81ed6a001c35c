// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/access_proof.h"

#include "crypto/bytes.h"

namespace candour::crypto {

std::string ReportAccessMessage(std::string_view report_id, std::string_view recipient_key_id, int64_t issued_at) {
  std::string m(kReportAccessContext);
  m.push_back('\0');
  m.append(report_id);
  m.append(recipient_key_id);
  AppendU64Le(m, static_cast<uint64_t>(issued_at));
  return m;
}

std::string SignReportAccess(const RecipientKeys& keys, std::string_view report_id, int64_t issued_at) {
  return Sign(keys.sign, ReportAccessMessage(report_id, keys.key_id, issued_at));
}

bool VerifyReportAccess(std::string_view ed25519_public_key, std::string_view report_id,
                        std::string_view recipient_key_id, int64_t issued_at, std::string_view signature) {
  return VerifySignature(ed25519_public_key, ReportAccessMessage(report_id, recipient_key_id, issued_at), signature);
}

}  // namespace candour::crypto
