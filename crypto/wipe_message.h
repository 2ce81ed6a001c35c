// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Wiping protobuf messages that held secrets (report content, identities).
// Protobuf keeps strings in its own std::strings; these functions zero their
// bytes in place, through reflection, including nested and repeated fields,
// so plaintext does not linger in freed heap memory. Not thread-safe with
// other users of the same message.
#ifndef CANDOUR_CRYPTO_WIPE_MESSAGE_H_
#define CANDOUR_CRYPTO_WIPE_MESSAGE_H_

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

// Zeroes every string and bytes field of `message` and its sub-messages in
// place; lengths are kept (for tests), contents become zero bytes.
void ZeroStrings(google::protobuf::Message& message);
// ZeroStrings, then Clear().
void WipeMessage(google::protobuf::Message& message);
// Zeroes a std::string's bytes, then clears it.
void WipeString(std::string& text);

// Serialises `message` straight into wiped memory, deterministically (one
// encoding per message), so plaintext is never in an ordinary string.
// INVALID_ARGUMENT naming `what` if it would be `limit` bytes or more.
absl::StatusOr<SecretBytes> SerializeToSecret(const google::protobuf::Message& message, size_t limit,
                                              std::string_view what);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_WIPE_MESSAGE_H_
