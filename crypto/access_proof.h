// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A recipient's proof that it asks for a report now: an Ed25519 signature over
//   kReportAccessContext || 0x00 || report_id (16) || recipient_key_id (16)
//   || issued_at (u64 LE, Unix seconds)
// The server checks it against the recipient's key in the current directory
// and a freshness window, so only a key holder can fetch a report's envelope.
// Thread-safe.
#ifndef CANDOUR_CRYPTO_ACCESS_PROOF_H_
#define CANDOUR_CRYPTO_ACCESS_PROOF_H_

#include <cstdint>
#include <string>

#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr std::string_view kReportAccessContext = "candour.v1/report-access";

std::string ReportAccessMessage(std::string_view report_id, std::string_view recipient_key_id, int64_t issued_at);
std::string SignReportAccess(const RecipientKeys& keys, std::string_view report_id, int64_t issued_at);
bool VerifyReportAccess(std::string_view ed25519_public_key, std::string_view report_id,
                        std::string_view recipient_key_id, int64_t issued_at, std::string_view signature);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_ACCESS_PROOF_H_
