// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Receipt codes: what an anonymous reporter keeps to come back. 130 random
// bits written for humans in an unambiguous base-32 alphabet:
//   canonical = version char '1' || 26 data chars || 1 check char (Luhn mod 32)
//   shown as 7 groups of 4 joined by '-'.
// From the canonical code we derive, with keyed BLAKE2b and crypto_kdf (no
// password hashing: 130 bits cannot be guessed), a lookup value whose hash the
// server stores, and the reporter's X25519 and Ed25519 follow-up key pairs.
// The server never sees the code. Thread-safe.
#ifndef CANDOUR_CRYPTO_RECEIPT_H_
#define CANDOUR_CRYPTO_RECEIPT_H_

#include <string>

#include "absl/status/statusor.h"
#include "crypto/keys.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

// 0-9 then A-Z without I, L, O, U (Crockford's base 32).
inline constexpr std::string_view kReceiptAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr size_t kReceiptCanonicalLength = 28;

// How typed base-32 codes (receipt codes, invitation codes) are read:
// upper-cases, drops spaces and '-', reads O as 0 and I, L as 1. Checks
// neither length nor alphabet. The result is as secret as the input.
SecretBytes NormaliseTypedCode(std::string_view text);

// A parsed, checked receipt code. Holds the canonical text as a secret.
class ReceiptCode {
 public:
  // A fresh code from the system CSPRNG.
  static ReceiptCode Generate();
  // Normalises (upper-cases; drops spaces and '-'; reads O as 0 and I, L as 1)
  // then checks length, version and check character. INVALID_ARGUMENT with a
  // message that never repeats the input.
  static absl::StatusOr<ReceiptCode> Parse(std::string_view text);

  // The 28-character canonical form.
  std::string_view canonical() const { return canonical_.view(); }
  // "1ABC-DEFG-...": for showing to the reporter, once.
  SecretBytes Display() const;

 private:
  explicit ReceiptCode(SecretBytes canonical) : canonical_(std::move(canonical)) {}
  SecretBytes canonical_;
};

struct ReceiptKeys {
  SecretKey<32> lookup;       // sent when coming back (casework issue)
  std::string lookup_hash;    // 32 bytes: H(kReceiptLookupContext, lookup); stored
  X25519KeyPair box;          // the case key is sealed to box.public_key
  Ed25519KeyPair sign;        // signs the reporter's follow-up messages
};

// master = BLAKE2b-256(key = kReceiptMasterKey, message = canonical);
// lookup, box seed and sign seed = crypto_kdf subkeys 1, 2, 3 ("CandRcpt").
ReceiptKeys DeriveReceiptKeys(const ReceiptCode& code);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_RECEIPT_H_
