// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/link_mark.h"

#include "crypto/contexts.h"

namespace candour::crypto {
namespace {

constexpr size_t kSignedPart = kLinkMarkSize - 64;  // everything before the signature

bool KnownRelation(int relation) {
  return candour::v1::LinkRelation_IsValid(relation) && relation != candour::v1::LINK_RELATION_UNSPECIFIED;
}

// REQUIRES: organisation_id is 1..255 bytes; `fields` is kSignedPart bytes.
std::string SigningMessage(std::string_view organisation_id, std::string_view fields) {
  std::string message(kLinkMarkContext);
  message.push_back('\0');
  message.push_back(static_cast<char>(organisation_id.size()));
  message.append(organisation_id);
  message.append(fields);
  return message;
}

}  // namespace

absl::StatusOr<std::string> SealLinkMark(const LinkMark& mark, const Ed25519KeyPair& author,
                                         std::string_view organisation_id, std::string_view aggregation_public_key) {
  if (organisation_id.empty() || organisation_id.size() > 255) {
    return absl::InvalidArgumentError("organisation id must be 1 to 255 bytes");
  }
  if (mark.report_id.size() != 16 || mark.other_report_id.size() != 16 || mark.author_key_id.size() != 16) {
    return absl::InvalidArgumentError("link mark ids must be 16 bytes");
  }
  if (mark.report_id == mark.other_report_id) return absl::InvalidArgumentError("a case cannot be linked to itself");
  if (!KnownRelation(mark.relation)) return absl::InvalidArgumentError("link mark names an unknown relation");
  std::string fields;
  fields.push_back(static_cast<char>(kLinkMarkVersion));
  fields.append(mark.report_id);
  fields.append(mark.other_report_id);
  fields.push_back(static_cast<char>(mark.relation));
  fields.append(mark.author_key_id);
  std::string plain = fields + Sign(author, SigningMessage(organisation_id, fields));
  return SealTo(aggregation_public_key,
                std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(plain.data()), plain.size()));
}

absl::StatusOr<LinkMark> OpenLinkMark(
    std::string_view sealed, const X25519KeyPair& aggregation_key, std::string_view organisation_id,
    const std::function<std::optional<std::string>(std::string_view key_id)>& author_public_key) {
  if (sealed.size() != kSealedLinkMarkSize) return absl::DataLossError("a sealed link mark must be 162 bytes");
  if (organisation_id.empty() || organisation_id.size() > 255) {
    return absl::InvalidArgumentError("organisation id must be 1 to 255 bytes");
  }
  absl::StatusOr<SecretBytes> opened = OpenSealed(aggregation_key, sealed);
  if (!opened.ok()) return absl::DataLossError("the link mark does not open with this aggregation key");
  const std::string plain(reinterpret_cast<const char*>(opened->data()), opened->size());
  if (plain.size() != kLinkMarkSize || static_cast<uint8_t>(plain[0]) != kLinkMarkVersion ||
      !KnownRelation(static_cast<uint8_t>(plain[33]))) {
    return absl::DataLossError("the link mark is malformed");
  }
  LinkMark mark{plain.substr(1, 16), plain.substr(17, 16), static_cast<candour::v1::LinkRelation>(plain[33]),
                plain.substr(34, 16)};
  if (mark.report_id == mark.other_report_id) return absl::DataLossError("the link mark links a case to itself");
  const std::optional<std::string> key = author_public_key(mark.author_key_id);
  if (!key.has_value()) return absl::UnauthenticatedError("the link mark's author is not a known Guardian");
  const std::string_view fields = std::string_view(plain).substr(0, kSignedPart);
  if (!VerifySignature(*key, SigningMessage(organisation_id, fields), std::string_view(plain).substr(kSignedPart))) {
    return absl::UnauthenticatedError("the link mark's signature does not verify");
  }
  return mark;
}

}  // namespace candour::crypto
