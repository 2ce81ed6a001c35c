// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/bytes.h"

#include <sodium.h>

namespace candour::crypto {

std::string HexEncode(std::span<const uint8_t> bytes) {
  // sodium_bin2hex is constant-time, so it is also safe on key ids.
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();  // the NUL terminator
  return hex;
}

std::string HexEncode(std::string_view bytes) { return HexEncode(AsBytes(bytes)); }

absl::StatusOr<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return absl::InvalidArgumentError("hex text has an odd number of digits");
  std::string out(hex.size() / 2, '\0');
  size_t out_len = 0;
  const char* end = nullptr;
  // No `ignore` set: any character that is not a hex digit stops decoding,
  // which the end check below turns into an error.
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr,
                     &out_len, &end) != 0 ||
      end != hex.data() + hex.size() || out_len != out.size()) {
    return absl::InvalidArgumentError("hex text contains a character that is not a hex digit");
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
  text.pop_back();  // the NUL terminator
  return text;
}

absl::StatusOr<std::string> Base64Decode(std::string_view text) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t out_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &out_len, &end, kVariant) != 0 ||
      end != text.data() + text.size()) {
    return absl::InvalidArgumentError("base64 text is malformed");
  }
  out.resize(out_len);
  // Canonical means one text per byte string: re-encoding must give the
  // input back (this rejects nonzero trailing bits and missing padding).
  if (Base64Encode(out) != text) return absl::InvalidArgumentError("base64 text is not canonical");
  return out;
}

void AppendU16Le(std::string& out, uint16_t v) {
  for (int i = 0; i < 2; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void AppendU32Le(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void AppendU64Le(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

}  // namespace candour::crypto
