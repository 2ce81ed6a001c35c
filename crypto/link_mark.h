// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Link marks (docs/PROTOCOL.md, "Link marks"): when a Guardian links two
// cases (same incident, duplicate, malicious), the signed LINK thread entry
// says so to Guardians, and a link mark says it to insights, which counts a
// linked group once. The mark is signed by the Guardian and sealed to the
// directory's aggregation key, so the server stores it without reading it,
// and a mark the server made up fails the signature when insights opens it.
// Stateless and thread-safe.
#ifndef CANDOUR_CRYPTO_LINK_MARK_H_
#define CANDOUR_CRYPTO_LINK_MARK_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "candour/v1/thread.pb.h"
#include "crypto/keys.h"

namespace candour::crypto {

inline constexpr uint8_t kLinkMarkVersion = 1;
// u8 version, report id (16), other report id (16), u8 relation, author key id (16), signature (64).
inline constexpr size_t kLinkMarkSize = 1 + 16 + 16 + 1 + 16 + 64;                 // 114
inline constexpr size_t kSealedLinkMarkSize = kLinkMarkSize + crypto_box_SEALBYTES;  // 162

struct LinkMark {
  std::string report_id;        // 16 bytes: the case the entry is in
  std::string other_report_id;  // 16 bytes, not report_id
  candour::v1::LinkRelation relation = candour::v1::LINK_RELATION_UNSPECIFIED;
  std::string author_key_id;    // 16 bytes: the Guardian's recipient key id
};

// Signs the mark with `author` over the organisation id and seals it to the
// aggregation public key. INVALID_ARGUMENT for wrong sizes, an unknown
// relation, a case linked to itself, or an organisation id outside 1..255 bytes.
absl::StatusOr<std::string> SealLinkMark(const LinkMark& mark, const Ed25519KeyPair& author,
                                         std::string_view organisation_id, std::string_view aggregation_public_key);

// Opens with the aggregation key and verifies the signature with the key
// `author_public_key` returns for the mark's author key id (nullopt for an
// unknown author). DATA_LOSS if it does not open or is malformed;
// UNAUTHENTICATED for an unknown author or a signature that does not verify.
absl::StatusOr<LinkMark> OpenLinkMark(
    std::string_view sealed, const X25519KeyPair& aggregation_key, std::string_view organisation_id,
    const std::function<std::optional<std::string>(std::string_view key_id)>& author_public_key);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_LINK_MARK_H_
