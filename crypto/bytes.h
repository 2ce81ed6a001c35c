// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Byte-string helpers for public data: hex and base64 (standard alphabet,
// padded), and little-endian integer appends used by the byte formats of
// docs/PROTOCOL.md. Public byte strings are std::string throughout, as in
// protobuf. Stateless and thread-safe.
#ifndef CANDOUR_CRYPTO_BYTES_H_
#define CANDOUR_CRYPTO_BYTES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace candour::crypto {

std::string HexEncode(std::string_view bytes);
std::string HexEncode(std::span<const uint8_t> bytes);
// Accepts upper or lower case. INVALID_ARGUMENT on odd length or a non-hex digit.
absl::StatusOr<std::string> HexDecode(std::string_view hex);

std::string Base64Encode(std::string_view bytes);
// INVALID_ARGUMENT on anything that is not canonical padded base64.
absl::StatusOr<std::string> Base64Decode(std::string_view text);

void AppendU16Le(std::string& out, uint16_t v);
void AppendU32Le(std::string& out, uint32_t v);
void AppendU64Le(std::string& out, uint64_t v);

inline std::string_view AsChars(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_BYTES_H_
