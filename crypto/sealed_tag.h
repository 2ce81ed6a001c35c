// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Aggregation tags: the few fields insights counts, in a fixed 16-byte layout
// (not protobuf, so every tag has one size), sealed to the organisation's
// aggregation key. Sealed tags are always 64 bytes.
//   tag = version (1, =1) || department_id (u32 LE) || kind (1) ||
//         characteristics (u16 LE bit set, bit v-1 for Characteristic v) ||
//         source (1) || 7 zero bytes
// Thread-safe.
#ifndef CANDOUR_CRYPTO_SEALED_TAG_H_
#define CANDOUR_CRYPTO_SEALED_TAG_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr uint8_t kTagVersion = 1;
inline constexpr size_t kTagSize = 16;
inline constexpr size_t kSealedTagSize = kTagSize + crypto_box_SEALBYTES;  // 64
// Bits 0..9 are defined (nine characteristics and "none / not sure").
inline constexpr uint16_t kCharacteristicBitsMask = 0x03FF;
inline constexpr uint16_t kNoneOrNotSureBit = 1u << 9;

struct AggregationTag {
  uint32_t department_id = 0;     // 1..2^32-1
  uint8_t kind = 0;               // ReportKind, 1..6
  uint16_t characteristics = 0;   // non-empty; the none bit stands alone
  uint8_t source = 0;             // BehaviourSource, 1..5
};

// INVALID_ARGUMENT if a field is out of its range.
absl::Status ValidateTag(const AggregationTag& tag);
// The 16-byte layout. REQUIRES: ValidateTag(tag).ok().
std::string EncodeTag(const AggregationTag& tag);
// DATA_LOSS on a wrong size, version, nonzero reserved byte or bad field.
absl::StatusOr<AggregationTag> DecodeTag(std::string_view bytes);

// 64 bytes. INVALID_ARGUMENT for an invalid tag or a key not of 32 bytes.
absl::StatusOr<std::string> SealTag(const AggregationTag& tag, std::string_view aggregation_public_key);
// DATA_LOSS if it does not open or decode.
absl::StatusOr<AggregationTag> OpenTag(std::string_view sealed, const X25519KeyPair& aggregation_key);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_SEALED_TAG_H_
