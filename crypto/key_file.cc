// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/key_file.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "crypto/bytes.h"
#include "crypto/contexts.h"

namespace candour::crypto {
namespace {

constexpr std::string_view kMagic = "CDK1";
constexpr std::string_view kCommentPrefix = "untrusted comment: ";
constexpr size_t kSaltSize = crypto_pwhash_SALTBYTES;                        // 16
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;  // 24
constexpr size_t kMacSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;       // 16
// magic || kind || key_id || opslimit || memlimit || salt || nonce
constexpr size_t kHeaderSize = 4 + 1 + kKeyIdSize + 8 + 8 + kSaltSize + kNonceSize;  // 77
constexpr uint64_t kMinOps = 1, kMaxOps = 16;
constexpr uint64_t kMinMem = uint64_t{8} << 20, kMaxMem = uint64_t{4} << 30;
constexpr std::string_view kPassphraseAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr size_t kPassphraseChars = 20, kPassphraseGroup = 5;

size_t PublicSize(KeyFileKind kind) { return kind == KeyFileKind::kRecipient ? 64 : 32; }
size_t SecretSize(KeyFileKind kind) { return kind == KeyFileKind::kRecipient ? 64 : 32; }

uint64_t ReadU64Le(std::string_view b, size_t at) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}

// The binary form, split into its fields (all public; copies, so the struct
// moves safely).
struct ParsedKeyFile {
  KeyFileKind kind;
  KdfParams kdf;
  std::string key_id, salt, nonce, public_keys, ciphertext;
  std::string authenticated;  // every byte before the ciphertext
};

absl::Status CheckKdf(KdfParams kdf) {
  // Bounds keep a hostile file from asking for hours of work or all memory.
  if (kdf.opslimit < kMinOps || kdf.opslimit > kMaxOps) {
    return absl::InvalidArgumentError("key file opslimit must be 1..16");
  }
  if (kdf.memlimit < kMinMem || kdf.memlimit > kMaxMem) {
    return absl::InvalidArgumentError("key file memlimit must be 8 MiB..4 GiB");
  }
  return absl::OkStatus();
}

// Splits the text form into its base64 line. Tolerates a missing final
// newline (editors) but nothing else.
absl::StatusOr<std::string> BinaryFromText(std::string_view text) {
  const size_t eol = text.find('\n');
  if (eol == std::string_view::npos || !text.substr(0, eol).starts_with(kCommentPrefix)) {
    return absl::InvalidArgumentError("key file must start with an 'untrusted comment: ' line");
  }
  std::string_view rest = text.substr(eol + 1);
  if (rest.ends_with('\n')) rest.remove_suffix(1);
  if (rest.find('\n') != std::string_view::npos) {
    return absl::InvalidArgumentError("key file must have exactly two lines");
  }
  absl::StatusOr<std::string> binary = Base64Decode(rest);
  if (!binary.ok()) return absl::InvalidArgumentError("key file second line is not canonical base64");
  return binary;
}

absl::StatusOr<ParsedKeyFile> Parse(std::string_view text) {
  absl::StatusOr<std::string> binary = BinaryFromText(text);
  if (!binary.ok()) return binary.status();
  ParsedKeyFile f{};
  const std::string_view b = *binary;
  if (b.size() < kHeaderSize || !b.starts_with(kMagic)) {
    return absl::InvalidArgumentError("key file does not start with magic \"CDK1\"");
  }
  const uint8_t kind = static_cast<uint8_t>(b[4]);
  if (kind != static_cast<uint8_t>(KeyFileKind::kRecipient) && kind != static_cast<uint8_t>(KeyFileKind::kSigningKey)) {
    return absl::InvalidArgumentError(absl::StrCat("key file kind ", kind, " is unknown"));
  }
  f.kind = static_cast<KeyFileKind>(kind);
  if (b.size() != kHeaderSize + PublicSize(f.kind) + SecretSize(f.kind) + kMacSize) {
    return absl::InvalidArgumentError(absl::StrCat("key file size ", b.size(), " is wrong for its kind"));
  }
  f.key_id = b.substr(5, kKeyIdSize);
  f.kdf = {ReadU64Le(b, 21), ReadU64Le(b, 29)};
  if (absl::Status s = CheckKdf(f.kdf); !s.ok()) return s;
  f.salt = b.substr(37, kSaltSize);
  f.nonce = b.substr(53, kNonceSize);
  f.public_keys = b.substr(kHeaderSize, PublicSize(f.kind));
  f.authenticated = b.substr(0, kHeaderSize + PublicSize(f.kind));
  f.ciphertext = b.substr(kHeaderSize + PublicSize(f.kind));
  return f;
}

absl::StatusOr<SecretKey<32>> DeriveWrapKey(std::string_view passphrase, std::string_view salt, KdfParams kdf) {
  SecretKey<32> key;
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), kdf.opslimit, kdf.memlimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // Argon2id fails only when it cannot allocate memlimit bytes.
    return absl::ResourceExhaustedError("Argon2id could not allocate its memory (memlimit)");
  }
  return key;
}

std::string AadFor(std::string_view bytes_before_ciphertext) {
  std::string aad(kKeyFileAadContext);
  aad.push_back('\0');
  aad.append(bytes_before_ciphertext);
  return aad;
}

// Builds the text form around already-chosen public and secret parts.
absl::StatusOr<std::string> Wrap(KeyFileKind kind, std::string_view key_id, std::string_view public_keys,
                                 const SecretBytes& secret, std::string_view comment, std::string_view passphrase,
                                 KdfParams kdf) {
  if (absl::Status s = CheckKdf(kdf); !s.ok()) return s;
  std::string b(kMagic);
  b.push_back(static_cast<char>(kind));
  b.append(key_id);
  AppendU64Le(b, kdf.opslimit);
  AppendU64Le(b, kdf.memlimit);
  std::string salt_nonce(kSaltSize + kNonceSize, '\0');
  randombytes_buf(salt_nonce.data(), salt_nonce.size());
  b.append(salt_nonce);
  b.append(public_keys);
  absl::StatusOr<SecretKey<32>> key = DeriveWrapKey(passphrase, salt_nonce.substr(0, kSaltSize), kdf);
  if (!key.ok()) return key.status();
  const std::string aad = AadFor(b);
  std::string ciphertext(secret.size() + kMacSize, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(ciphertext.data()), nullptr, secret.data(), secret.size(),
      reinterpret_cast<const unsigned char*>(aad.data()), aad.size(), nullptr,
      reinterpret_cast<const unsigned char*>(salt_nonce.data() + kSaltSize), key->data());
  b.append(ciphertext);
  std::string text(kCommentPrefix);
  for (char c : comment) {
    if (c != '\n' && c != '\r') text.push_back(c);  // one line, by construction
  }
  absl::StrAppend(&text, "\n", Base64Encode(b), "\n");
  return text;
}

// Opens the ciphertext of a parsed file of the expected kind.
absl::StatusOr<SecretBytes> Unwrap(const ParsedKeyFile& f, KeyFileKind expected, std::string_view passphrase) {
  if (f.kind != expected) return absl::InvalidArgumentError("key file holds another kind of key");
  absl::StatusOr<SecretKey<32>> key = DeriveWrapKey(passphrase, f.salt, f.kdf);
  if (!key.ok()) return key.status();
  const std::string aad = AadFor(f.authenticated);
  SecretBytes secret(f.ciphertext.size() - kMacSize);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          secret.data(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(f.ciphertext.data()),
          f.ciphertext.size(), reinterpret_cast<const unsigned char*>(aad.data()), aad.size(),
          reinterpret_cast<const unsigned char*>(f.nonce.data()), key->data()) != 0) {
    return absl::PermissionDeniedError("key file does not open: wrong passphrase, or the file was altered");
  }
  return secret;
}

// The file names its public keys and id in the clear (so InspectKeyFile can
// show them); after opening we check the secrets really belong to them.
absl::Status CheckMatches(const ParsedKeyFile& f, std::string_view public_keys, std::string_view key_id) {
  if (sodium_memcmp(public_keys.data(), f.public_keys.data(), public_keys.size()) != 0 ||
      sodium_memcmp(key_id.data(), f.key_id.data(), kKeyIdSize) != 0) {
    return absl::DataLossError("key file secret keys do not match its public keys or key id");
  }
  return absl::OkStatus();
}

}  // namespace

KdfParams ModerateKdf() { return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE}; }
KdfParams InteractiveKdf() { return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}; }

SecretBytes GeneratePassphrase() {
  SecretBytes random(kPassphraseChars);
  randombytes_buf(random.data(), random.size());
  SecretBytes out(kPassphraseChars + kPassphraseChars / kPassphraseGroup - 1);
  size_t n = 0;
  for (size_t i = 0; i < kPassphraseChars; ++i) {
    if (i != 0 && i % kPassphraseGroup == 0) out.data()[n++] = '-';
    // 256 is a multiple of 32: masking keeps each char uniform (5 bits each).
    out.data()[n++] = static_cast<uint8_t>(kPassphraseAlphabet[random.data()[i] & 31]);
  }
  return out;
}

bool IsGeneratedPassphrase(std::string_view passphrase) {
  if (passphrase.size() != kPassphraseChars + kPassphraseChars / kPassphraseGroup - 1) return false;
  for (size_t i = 0; i < passphrase.size(); ++i) {
    const bool separator_position = (i + 1) % (kPassphraseGroup + 1) == 0;
    const bool ok =
        separator_position ? passphrase[i] == '-' : kPassphraseAlphabet.find(passphrase[i]) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

absl::StatusOr<std::string> WrapRecipientKeys(const RecipientKeys& keys, std::string_view comment,
                                              std::string_view passphrase, KdfParams kdf) {
  SecretBytes secret(64);
  std::memcpy(secret.data(), keys.box.secret_key.data(), 32);
  crypto_sign_ed25519_sk_to_seed(secret.data() + 32, keys.sign.secret_key.data());
  const std::string public_keys = keys.box.public_key + keys.sign.public_key;
  return Wrap(KeyFileKind::kRecipient, RecipientKeyId(keys.box.public_key, keys.sign.public_key), public_keys, secret,
              comment, passphrase, kdf);
}

absl::StatusOr<std::string> WrapSigningKey(const Ed25519KeyPair& key, std::string_view comment,
                                           std::string_view passphrase, KdfParams kdf) {
  SecretBytes secret(32);
  crypto_sign_ed25519_sk_to_seed(secret.data(), key.secret_key.data());
  return Wrap(KeyFileKind::kSigningKey, SigningKeyId(key.public_key), key.public_key, secret, comment, passphrase, kdf);
}

absl::StatusOr<KeyFileInfo> InspectKeyFile(std::string_view text) {
  absl::StatusOr<ParsedKeyFile> f = Parse(text);
  if (!f.ok()) return f.status();
  KeyFileInfo info{f->kind, std::string(f->key_id), "", ""};
  if (f->kind == KeyFileKind::kRecipient) {
    info.x25519_public_key = std::string(f->public_keys.substr(0, 32));
    info.ed25519_public_key = std::string(f->public_keys.substr(32));
  } else {
    info.ed25519_public_key = std::string(f->public_keys);
  }
  return info;
}

absl::StatusOr<RecipientKeys> UnwrapRecipientKeys(std::string_view text, std::string_view passphrase) {
  absl::StatusOr<ParsedKeyFile> f = Parse(text);
  if (!f.ok()) return f.status();
  absl::StatusOr<SecretBytes> secret = Unwrap(*f, KeyFileKind::kRecipient, passphrase);
  if (!secret.ok()) return secret.status();
  absl::StatusOr<X25519KeyPair> box = X25519KeyPairFromSecret(SecretKey<32>::CopyOf(secret->span().first(32)));
  if (!box.ok()) return absl::DataLossError("key file x25519 secret key is unusable");
  RecipientKeys keys{"", std::move(*box), Ed25519KeyPairFromSeed(SecretKey<32>::CopyOf(secret->span().subspan(32)))};
  keys.key_id = RecipientKeyId(keys.box.public_key, keys.sign.public_key);
  if (absl::Status s = CheckMatches(*f, keys.box.public_key + keys.sign.public_key, keys.key_id); !s.ok()) return s;
  return keys;
}

absl::StatusOr<Ed25519KeyPair> UnwrapSigningKey(std::string_view text, std::string_view passphrase) {
  absl::StatusOr<ParsedKeyFile> f = Parse(text);
  if (!f.ok()) return f.status();
  absl::StatusOr<SecretBytes> secret = Unwrap(*f, KeyFileKind::kSigningKey, passphrase);
  if (!secret.ok()) return secret.status();
  Ed25519KeyPair key = Ed25519KeyPairFromSeed(SecretKey<32>::CopyOf(secret->span()));
  if (absl::Status s = CheckMatches(*f, key.public_key, SigningKeyId(key.public_key)); !s.ok()) return s;
  return key;
}

}  // namespace candour::crypto
