// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/receipt.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"

namespace candour::crypto {
namespace {

constexpr char kReceiptVersionChar = '1';
constexpr size_t kDataChars = 26;  // 26 x 5 bits = 130 bits
constexpr int kBase = 32;          // the N of Luhn mod N
constexpr size_t kGroupSize = 4;

// The value of an alphabet character, or -1.
int ValueOf(char c) {
  const size_t i = kReceiptAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// Luhn mod N over the values of `body`, generation form: walking from the
// rightmost character, double every other value starting with that one.
// Catches every single-character substitution and every adjacent
// transposition except between the values 0 and 31 (as decimal Luhn misses 09/90).
// REQUIRES: every char of body is in the alphabet.
char CheckChar(std::string_view body) {
  int factor = 2;
  int sum = 0;
  for (size_t i = body.size(); i-- > 0;) {
    int addend = factor * ValueOf(body[i]);
    addend = addend / kBase + addend % kBase;
    sum += addend;
    factor = factor == 2 ? 1 : 2;
  }
  return kReceiptAlphabet[(kBase - sum % kBase) % kBase];
}

}  // namespace

// Stays a secret: the normalised text is the code itself.
SecretBytes NormaliseTypedCode(std::string_view text) {
  SecretBytes out(text.size());
  size_t n = 0;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.data()[n++] = static_cast<uint8_t>(c);
  }
  out.Truncate(n);
  return out;
}

ReceiptCode ReceiptCode::Generate() {
  SecretBytes canonical(kReceiptCanonicalLength);
  char* c = reinterpret_cast<char*>(canonical.data());
  c[0] = kReceiptVersionChar;
  // One random byte per data char: 256 is a multiple of 32, so masking to 5
  // bits keeps every char uniform (26 x 5 = 130 bits).
  SecretBytes random(kDataChars);
  randombytes_buf(random.data(), random.size());
  for (size_t i = 0; i < kDataChars; ++i) c[1 + i] = kReceiptAlphabet[random.data()[i] & 31];
  c[kReceiptCanonicalLength - 1] = CheckChar(std::string_view(c, kReceiptCanonicalLength - 1));
  return ReceiptCode(std::move(canonical));
}

absl::StatusOr<ReceiptCode> ReceiptCode::Parse(std::string_view text) {
  SecretBytes canonical = NormaliseTypedCode(text);
  const std::string_view code = canonical.view();
  // Messages give counts and rules only: the input is a secret.
  if (code.size() != kReceiptCanonicalLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("receipt code must have 28 characters without separators, not ", code.size()));
  }
  for (char c : code) {
    if (ValueOf(c) < 0) return absl::InvalidArgumentError("receipt code has a character outside its alphabet");
  }
  if (code[0] != kReceiptVersionChar) {
    return absl::InvalidArgumentError("receipt code must start with version character '1'");
  }
  if (CheckChar(code.substr(0, kReceiptCanonicalLength - 1)) != code.back()) {
    return absl::InvalidArgumentError("receipt code check character does not match: look for a typo");
  }
  return ReceiptCode(std::move(canonical));
}

SecretBytes ReceiptCode::Display() const {
  const std::string_view code = canonical();
  const size_t groups = code.size() / kGroupSize;
  SecretBytes out(code.size() + groups - 1);
  char* o = reinterpret_cast<char*>(out.data());
  for (size_t i = 0; i < code.size(); ++i) {
    if (i != 0 && i % kGroupSize == 0) *o++ = '-';
    *o++ = code[i];
  }
  return out;
}

ReceiptKeys DeriveReceiptKeys(const ReceiptCode& code) {
  // No password hashing: the code carries 130 random bits, so a fast keyed
  // hash is enough and keeps the browser quick.
  SecretKey<32> master;
  const std::string_view canonical = code.canonical();
  crypto_generichash(master.data(), master.size(), reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size(), reinterpret_cast<const unsigned char*>(kReceiptMasterKey.data()),
                     kReceiptMasterKey.size());
  ReceiptKeys keys;
  crypto_kdf_derive_from_key(keys.lookup.data(), keys.lookup.size(), kReceiptSubkeyLookup, kReceiptKdfContext,
                             master.data());
  SecretKey<32> seed;
  crypto_kdf_derive_from_key(seed.data(), seed.size(), kReceiptSubkeyBoxSeed, kReceiptKdfContext, master.data());
  keys.box = X25519KeyPairFromSeed(seed);
  crypto_kdf_derive_from_key(seed.data(), seed.size(), kReceiptSubkeySignSeed, kReceiptKdfContext, master.data());
  keys.sign = Ed25519KeyPairFromSeed(seed);
  keys.lookup_hash =
      DomainHash(kReceiptLookupContext, std::string_view(reinterpret_cast<const char*>(keys.lookup.data()), 32));
  return keys;
}

}  // namespace candour::crypto
