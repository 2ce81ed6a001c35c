// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/staff_credentials.h"

#include <sodium.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"
#include "crypto/receipt.h"

namespace candour::crypto {
namespace {

constexpr size_t kAccountSeedSize = 32;
constexpr uint64_t kMaxAccountOps = 64;
constexpr uint64_t kMaxAccountMem = uint64_t{4} << 30;
constexpr size_t kInvitationCodeChars = 20;  // as a generated passphrase
// What the server's own verifiers use (HashAuthKey).
constexpr uint64_t kVerifierOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kVerifierMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// libsodium declares its pointers nonnull, and an empty std::string_view may
// hold nullptr.
const char* NonNull(std::string_view s) { return s.data() != nullptr ? s.data() : ""; }

// The cheap checks, then libsodium's own parse (needs_rehash is -1 only for a
// string that is not an Argon2id verifier). A verifier with other limits is
// well-formed: it is still checked, at its own cost.
bool IsWellFormedVerifier(std::string_view verifier) {
  if (verifier.empty() || verifier.size() >= crypto_pwhash_STRBYTES || verifier.find('\0') != std::string_view::npos ||
      !verifier.starts_with(crypto_pwhash_argon2id_STRPREFIX)) {
    return false;
  }
  const std::string terminated(verifier);
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), kVerifierOps, kVerifierMem) != -1;
}

}  // namespace

bool AccountKdfInRange(const KdfParams& kdf) {
  // The floor keeps a client from weakening its own account; the ceiling keeps
  // a recorded value from costing every later sign-in hours or all memory.
  return kdf.opslimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE && kdf.opslimit <= kMaxAccountOps &&
         kdf.memlimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE && kdf.memlimit <= kMaxAccountMem;
}

absl::StatusOr<StaffSecrets> DeriveStaffSecrets(std::string_view passphrase, std::string_view salt,
                                                const KdfParams& kdf) {
  if (salt.size() != kAccountSaltSize) {
    return absl::InvalidArgumentError(absl::StrCat("account salt must be 16 bytes, not ", salt.size()));
  }
  if (!AccountKdfInRange(kdf)) {
    return absl::InvalidArgumentError(absl::StrCat("account opslimit must be ", crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                   "..", kMaxAccountOps, " and memlimit ",
                                                   crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20, " MiB..4 GiB"));
  }
  SecretBytes seed(kAccountSeedSize);
  if (crypto_pwhash(seed.data(), seed.size(), NonNull(passphrase), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // With the limits checked above, Argon2id fails only for want of memory.
    return absl::ResourceExhaustedError("Argon2id could not allocate its memory (memlimit)");
  }
  StaffSecrets secrets{SecretBytes(kAuthKeySize), SecretBytes(kWrapKeySize)};
  crypto_kdf_derive_from_key(secrets.auth_key.data(), secrets.auth_key.size(), kAccountSubkeyAuth, kAccountKdfContext,
                             seed.data());
  crypto_kdf_derive_from_key(secrets.wrap_key.data(), secrets.wrap_key.size(), kAccountSubkeyWrap, kAccountKdfContext,
                             seed.data());
  return secrets;
}

absl::StatusOr<std::string> HashAuthKey(std::string_view auth_key) {
  if (auth_key.size() != kAuthKeySize) {
    return absl::InvalidArgumentError(absl::StrCat("authentication key must be 32 bytes, not ", auth_key.size()));
  }
  char verifier[crypto_pwhash_STRBYTES];
  // Argon2id named explicitly: crypto_pwhash_str's default may change, and
  // VerifyAuthKey accepts only "$argon2id$".
  if (crypto_pwhash_str_alg(verifier, auth_key.data(), auth_key.size(), kVerifierOps, kVerifierMem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("Argon2id could not allocate its memory (memlimit)");
  }
  return std::string(verifier);
}

bool VerifyAuthKey(std::string_view verifier, std::string_view auth_key) {
  const bool well_formed = IsWellFormedVerifier(verifier);
  // The same work either way: a malformed verifier must not answer faster.
  const std::string checked(well_formed ? verifier : std::string_view(DecoyVerifier()));
  const bool matches = crypto_pwhash_str_verify(checked.c_str(), NonNull(auth_key), auth_key.size()) == 0;
  return well_formed && matches;
}

const std::string& DecoyVerifier() {
  // Thread-safe static initialisation; never destroyed (Google style for
  // statics of non-trivial type).
  static const std::string* const decoy = [] {
    SecretBytes key(kAuthKeySize);
    randombytes_buf(key.data(), key.size());
    absl::StatusOr<std::string> verifier = HashAuthKey(key.view());
    if (!verifier.ok()) std::abort();  // see the header: no cheap fallback
    return new std::string(*std::move(verifier));
  }();
  return *decoy;
}

std::string AccountSalt(const SecretBytes& server_secret, std::string_view name) {
  if (server_secret.size() != kServerSecretSize) std::abort();  // REQUIRES, checked at load
  // The context keeps its first name: it was the salt of unknown names only
  // before accounts were made with it too, and the bytes must not change.
  return KeyedDomainHashN(server_secret.span(), kUnknownAccountSaltContext, name, kAccountSaltSize);
}

SecretBytes NewSessionToken() {
  SecretBytes token(kSessionTokenSize);
  randombytes_buf(token.data(), token.size());
  return token;
}

std::string SessionTokenHash(std::string_view token) { return DomainHash(kSessionTokenContext, token); }

// One format for humans to copy: 100 bits is enough for a single-use code
// that the server also expires.
SecretBytes NewInvitationCode() { return GeneratePassphrase(); }

absl::StatusOr<std::string> InvitationCodeHash(std::string_view code) {
  SecretBytes canonical = NormaliseTypedCode(code);
  // Messages give counts and rules only: the input is a secret.
  if (canonical.size() != kInvitationCodeChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("invitation code must have 20 characters without separators, not ", canonical.size()));
  }
  for (uint8_t& c : canonical.span()) {
    if (kReceiptAlphabet.find(static_cast<char>(c)) == std::string_view::npos) {
      return absl::InvalidArgumentError("invitation code has a character outside its alphabet");
    }
    // Canonical is lower case, as the code is generated and shown.
    c = static_cast<uint8_t>(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return DomainHash(kInvitationCodeContext, canonical.view());
}

}  // namespace candour::crypto
