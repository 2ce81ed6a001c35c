// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/sealed_tag.h"

#include "crypto/bytes.h"

namespace candour::crypto {
namespace {

constexpr uint8_t kMaxKind = 6;    // REPORT_KIND_OTHER
constexpr uint8_t kMaxSource = 5;  // BEHAVIOUR_SOURCE_OTHER
constexpr size_t kReservedOffset = 9;

uint32_t ReadU32Le(std::string_view b, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}

}  // namespace

absl::Status ValidateTag(const AggregationTag& tag) {
  if (tag.department_id == 0) return absl::InvalidArgumentError("tag department_id must be nonzero");
  if (tag.kind < 1 || tag.kind > kMaxKind) return absl::InvalidArgumentError("tag kind must be 1..6");
  if (tag.characteristics == 0) return absl::InvalidArgumentError("tag characteristics must not be empty");
  if ((tag.characteristics & ~kCharacteristicBitsMask) != 0) {
    return absl::InvalidArgumentError("tag characteristics may use bits 0..9 only");
  }
  if ((tag.characteristics & kNoneOrNotSureBit) != 0 && tag.characteristics != kNoneOrNotSureBit) {
    return absl::InvalidArgumentError("tag characteristic 'none or not sure' must stand alone");
  }
  if (tag.source < 1 || tag.source > kMaxSource) return absl::InvalidArgumentError("tag source must be 1..5");
  return absl::OkStatus();
}

std::string EncodeTag(const AggregationTag& tag) {
  std::string out;
  out.reserve(kTagSize);
  out.push_back(static_cast<char>(kTagVersion));
  AppendU32Le(out, tag.department_id);
  out.push_back(static_cast<char>(tag.kind));
  AppendU16Le(out, tag.characteristics);
  out.push_back(static_cast<char>(tag.source));
  out.append(kTagSize - kReservedOffset, '\0');
  return out;
}

absl::StatusOr<AggregationTag> DecodeTag(std::string_view bytes) {
  if (bytes.size() != kTagSize) return absl::DataLossError("tag must be 16 bytes");
  if (static_cast<uint8_t>(bytes[0]) != kTagVersion) return absl::DataLossError("tag version must be 1");
  // Reserved bytes must be zero so that a later version can give them a
  // meaning without old readers silently misreading its tags.
  for (size_t i = kReservedOffset; i < kTagSize; ++i) {
    if (bytes[i] != '\0') return absl::DataLossError("tag reserved bytes 9..15 must be zero");
  }
  AggregationTag tag;
  tag.department_id = ReadU32Le(bytes, 1);
  tag.kind = static_cast<uint8_t>(bytes[5]);
  tag.characteristics = static_cast<uint16_t>(static_cast<uint8_t>(bytes[6]) | (static_cast<uint8_t>(bytes[7]) << 8));
  tag.source = static_cast<uint8_t>(bytes[8]);
  if (absl::Status valid = ValidateTag(tag); !valid.ok()) return absl::DataLossError(valid.message());
  return tag;
}

absl::StatusOr<std::string> SealTag(const AggregationTag& tag, std::string_view aggregation_public_key) {
  if (absl::Status valid = ValidateTag(tag); !valid.ok()) return valid;
  if (aggregation_public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("aggregation public key must be 32 bytes");
  }
  return SealTo(aggregation_public_key, AsBytes(EncodeTag(tag)));
}

absl::StatusOr<AggregationTag> OpenTag(std::string_view sealed, const X25519KeyPair& aggregation_key) {
  if (sealed.size() != kSealedTagSize) return absl::DataLossError("sealed tag must be 64 bytes");
  absl::StatusOr<SecretBytes> opened = OpenSealed(aggregation_key, sealed);
  if (!opened.ok()) return absl::DataLossError("sealed tag does not open with the aggregation key");
  return DecodeTag(opened->view());
}

}  // namespace candour::crypto
