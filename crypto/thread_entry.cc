// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/thread_entry.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/envelope.h"
#include "crypto/hash.h"
#include "crypto/padding.h"
#include "crypto/wipe_message.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace candour::crypto {
namespace {

using candour::v1::EntryContent;
using candour::v1::ThreadEntry;

constexpr size_t kMaxOrganisationIdSize = 255;  // its length is one byte

const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

using candour::v1::EntryKind;

constexpr size_t kMaxProfessionalGroupBytes = 100;
constexpr int kMaxRewrapRecipients = 64;

bool IsKnownKind(EntryKind kind) {
  return kind >= candour::v1::ENTRY_KIND_REPORTER_MESSAGE && kind <= candour::v1::ENTRY_KIND_REWRAP;
}

// The fields that make up the header (signed and used as additional data).
absl::Status CheckHeader(const ThreadEntry& e, std::string_view organisation_id) {
  if (organisation_id.empty() || organisation_id.size() > kMaxOrganisationIdSize) {
    return absl::InvalidArgumentError("organisation id must be 1 to 255 bytes");
  }
  if (e.report_id().size() != kReportIdSize) return absl::InvalidArgumentError("report_id must be 16 bytes");
  if (!IsKnownKind(e.kind())) return absl::InvalidArgumentError("kind is not a known entry kind");
  if (e.author_key_id().size() != kKeyIdSize) return absl::InvalidArgumentError("author_key_id must be 16 bytes");
  if (e.sequence() < 1 || e.sequence() > kMaxThreadEntries) {
    return absl::InvalidArgumentError(absl::StrCat("sequence must be 1 to ", kMaxThreadEntries));
  }
  if (e.previous_hash().size() != kHashSize) return absl::InvalidArgumentError("previous_hash must be 32 bytes");
  if (e.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE && !e.quoted_hash().empty()) {
    return absl::InvalidArgumentError("quoted_hash must be empty in a reporter entry");
  }
  if (e.kind() != candour::v1::ENTRY_KIND_REPORTER_MESSAGE && e.quoted_hash().size() != kHashSize) {
    return absl::InvalidArgumentError("quoted_hash must be 32 bytes in a Guardian entry");
  }
  return absl::OkStatus();
}

// The header plus the nonce and ciphertext (the signature is checked apart).
absl::Status CheckSealedShape(const ThreadEntry& e, std::string_view organisation_id) {
  if (absl::Status s = CheckHeader(e, organisation_id); !s.ok()) return s;
  if (e.nonce().size() != kNonceSize) return absl::InvalidArgumentError("nonce must be 24 bytes");
  const size_t size = e.ciphertext().size();
  if (size < kAeadTagSize || !IsBucketSize(size - kAeadTagSize) || size - kAeadTagSize > kMaxEntryBucket) {
    return absl::InvalidArgumentError(
        absl::StrCat("ciphertext size ", size, " is not a padding bucket of at most 32768 plus 16"));
  }
  return absl::OkStatus();
}

// REQUIRES: CheckHeader(e, organisation_id) is OK.
std::string Header(const ThreadEntry& e, std::string_view organisation_id) {
  std::string header(kThreadEntryContext);
  header.push_back('\0');
  header.push_back(static_cast<char>(organisation_id.size()));
  header.append(organisation_id);
  header.append(e.report_id());
  header.push_back(static_cast<char>(e.kind()));
  header.append(e.author_key_id());
  AppendU32Le(header, e.sequence());
  header.append(e.previous_hash());
  // A fixed-size slot either way; the kind says which it is.
  if (e.quoted_hash().empty()) {
    header.append(kHashSize, '\0');
  } else {
    header.append(e.quoted_hash());
  }
  return header;
}

// REQUIRES: CheckSealedShape(e, organisation_id) is OK.
std::string SigningMessage(const ThreadEntry& e, std::string_view organisation_id) {
  // The nonce is signed with the ciphertext, so an entry whose signature
  // verifies also opens, and EntryHash names every stored byte.
  return Header(e, organisation_id) + DomainHash(kThreadCiphertextContext, e.nonce() + e.ciphertext());
}

// REQUIRES: keys.KeyFor(kind) is not null.
SecretKey<32> EntryKey(const ThreadKeys& keys, EntryKind kind, uint32_t sequence) {
  return DeriveCaseSubkey(*keys.KeyFor(kind), kCaseSubkeyThreadBase + sequence);
}

// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; what
// protobuf requires of a proto3 string when it parses one.
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t tail;
    uint32_t code_point, smallest;
    if ((lead & 0xE0) == 0xC0) {
      tail = 1, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      tail = 2, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      tail = 3, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i <= tail) return false;
    for (size_t k = 1; k <= tail; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += tail + 1;
  }
  return true;
}

absl::Status CheckText(const std::string& text) {
  if (text.size() > kMaxEntryTextBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("entry text of ", text.size(), " bytes exceeds the limit of ", kMaxEntryTextBytes));
  }
  if (!IsUtf8(text)) return absl::InvalidArgumentError("entry text is not UTF-8");
  return absl::OkStatus();
}

absl::Status CheckStatusChange(const candour::v1::StatusChange& change) {
  using candour::v1::CASE_STATUS_CLOSED;
  if (!candour::v1::CaseStatus_IsValid(change.from()) || !candour::v1::CaseStatus_IsValid(change.to()) ||
      change.to() == candour::v1::CASE_STATUS_UNSPECIFIED) {
    return absl::InvalidArgumentError("status change names an unknown status");
  }
  if (!candour::v1::CaseOutcome_IsValid(change.outcome())) {
    return absl::InvalidArgumentError("status change names an unknown outcome");
  }
  const bool has_outcome = change.outcome() != candour::v1::CASE_OUTCOME_UNSPECIFIED;
  if (has_outcome != (change.to() == CASE_STATUS_CLOSED)) {
    return absl::InvalidArgumentError("a status change has an outcome exactly when it closes the case");
  }
  return absl::OkStatus();
}

absl::Status CheckClassification(const candour::v1::Classification& c) {
  uint32_t seen = 0;
  for (int element : c.elements()) {
    if (!candour::v1::CaseElement_IsValid(element) || element == candour::v1::CASE_ELEMENT_UNSPECIFIED) {
      return absl::InvalidArgumentError("classification names an unknown element");
    }
    if (seen & (1u << element)) return absl::InvalidArgumentError("classification names an element twice");
    seen |= 1u << element;
  }
  if (c.professional_group().size() > kMaxProfessionalGroupBytes || !IsUtf8(c.professional_group())) {
    return absl::InvalidArgumentError("professional group must be UTF-8 of at most 100 bytes");
  }
  if (!candour::v1::SpeakUpAgain_IsValid(c.speak_up_again())) {
    return absl::InvalidArgumentError("classification names an unknown speak-up-again answer");
  }
  return absl::OkStatus();
}

absl::Status CheckBody(const EntryContent& content, EntryKind kind) {
  using Body = EntryContent::BodyCase;
  switch (kind) {
    case candour::v1::ENTRY_KIND_REPORTER_MESSAGE:
    case candour::v1::ENTRY_KIND_GUARDIAN_MESSAGE:
    case candour::v1::ENTRY_KIND_NOTE:
      if (content.body_case() != Body::kText) return absl::InvalidArgumentError("this entry kind holds text");
      return CheckText(content.text());
    case candour::v1::ENTRY_KIND_STATUS_CHANGE:
      if (content.body_case() != Body::kStatusChange) {
        return absl::InvalidArgumentError("a status change entry holds a status change");
      }
      return CheckStatusChange(content.status_change());
    case candour::v1::ENTRY_KIND_ASSIGNMENT:
      if (content.body_case() != Body::kAssignment) {
        return absl::InvalidArgumentError("an assignment entry holds an assignment");
      }
      if (!content.assignment().assignee_key_id().empty() &&
          content.assignment().assignee_key_id().size() != kKeyIdSize) {
        return absl::InvalidArgumentError("assignee_key_id must be empty or 16 bytes");
      }
      return absl::OkStatus();
    case candour::v1::ENTRY_KIND_CLASSIFICATION:
      if (content.body_case() != Body::kClassification) {
        return absl::InvalidArgumentError("a classification entry holds a classification");
      }
      return CheckClassification(content.classification());
    case candour::v1::ENTRY_KIND_LINK:
      if (content.body_case() != Body::kLink) return absl::InvalidArgumentError("a link entry holds a link");
      if (content.link().other_report_id().size() != kReportIdSize) {
        return absl::InvalidArgumentError("a link's other_report_id must be 16 bytes");
      }
      if (!candour::v1::LinkRelation_IsValid(content.link().relation()) ||
          content.link().relation() == candour::v1::LINK_RELATION_UNSPECIFIED) {
        return absl::InvalidArgumentError("a link names an unknown relation");
      }
      return absl::OkStatus();
    case candour::v1::ENTRY_KIND_REWRAP: {
      if (content.body_case() != Body::kRewrap) return absl::InvalidArgumentError("a re-wrap entry holds a re-wrap");
      const auto& ids = content.rewrap().recipient_key_ids();
      if (ids.empty() || ids.size() > kMaxRewrapRecipients) {
        return absl::InvalidArgumentError("a re-wrap names 1 to 64 recipients");
      }
      for (int i = 0; i < ids.size(); ++i) {
        if (ids[i].size() != kKeyIdSize) return absl::InvalidArgumentError("re-wrap recipient ids must be 16 bytes");
        for (int j = 0; j < i; ++j) {
          if (ids[i] == ids[j]) return absl::InvalidArgumentError("a re-wrap names a recipient twice");
        }
      }
      return absl::OkStatus();
    }
    default:
      return absl::InvalidArgumentError("kind is not a known entry kind");
  }
}

}  // namespace

bool IsStaffOnlyKind(EntryKind kind) {
  return kind >= candour::v1::ENTRY_KIND_NOTE && kind <= candour::v1::ENTRY_KIND_REWRAP;
}

ThreadKeys ThreadKeys::FromCaseKey(const CaseKey& case_key) {
  return ThreadKeys(ViewKeyOf(case_key), DeriveCaseSubkey(case_key, kCaseSubkeyStaff));
}

ThreadKeys ThreadKeys::FromViewKey(SecretKey<32> view_key) { return ThreadKeys(std::move(view_key), std::nullopt); }

const SecretKey<32>* ThreadKeys::KeyFor(EntryKind kind) const {
  if (!IsStaffOnlyKind(kind)) return &view_;
  return staff_.has_value() ? &*staff_ : nullptr;
}

absl::Status CheckEntryContent(const EntryContent& content, EntryKind kind) {
  if (absl::Status s = CheckBody(content, kind); !s.ok()) return s;
  // Unknown fields anywhere in the content: a reader would refuse them.
  if (!content.GetReflection()->GetUnknownFields(content).empty() ||
      (content.has_status_change() &&
       !content.status_change().GetReflection()->GetUnknownFields(content.status_change()).empty()) ||
      (content.has_assignment() &&
       !content.assignment().GetReflection()->GetUnknownFields(content.assignment()).empty()) ||
      (content.has_classification() &&
       !content.classification().GetReflection()->GetUnknownFields(content.classification()).empty()) ||
      (content.has_link() && !content.link().GetReflection()->GetUnknownFields(content.link()).empty()) ||
      (content.has_rewrap() && !content.rewrap().GetReflection()->GetUnknownFields(content.rewrap()).empty())) {
    return absl::InvalidArgumentError("entry content has unknown fields");
  }
  return absl::OkStatus();
}

std::string EnvelopeHash(const candour::v1::Envelope& envelope, std::string_view organisation_id) {
  // The AAD says how many recipient ids it holds and the nonce and commitment
  // have fixed sizes, so the input splits one way only.
  std::string message = EnvelopeAad(envelope, organisation_id);
  message.append(envelope.nonce());
  message.append(envelope.key_commitment());
  message.append(envelope.ciphertext());
  return DomainHash(kEnvelopeHashContext, message);
}

absl::Status CheckEntryShape(const ThreadEntry& entry, std::string_view organisation_id) {
  if (absl::Status s = CheckSealedShape(entry, organisation_id); !s.ok()) return s;
  if (entry.signature().size() != kEntrySignatureSize) return absl::InvalidArgumentError("signature must be 64 bytes");
  return absl::OkStatus();
}

std::string EntrySigningMessage(const ThreadEntry& entry, std::string_view organisation_id) {
  if (!CheckSealedShape(entry, organisation_id).ok()) return "";
  return SigningMessage(entry, organisation_id);
}

std::string EntryHash(const ThreadEntry& entry, std::string_view organisation_id) {
  if (!CheckEntryShape(entry, organisation_id).ok()) return "";
  return DomainHash(kThreadEntryHashContext, SigningMessage(entry, organisation_id) + entry.signature());
}

absl::StatusOr<ThreadEntry> SealEntryWithNonce(const EntryHeader& header, const EntryContent& content,
                                               const ThreadKeys& keys, const Ed25519KeyPair& author,
                                               std::string_view author_key_id, std::string_view organisation_id,
                                               std::string_view nonce) {
  ThreadEntry entry;
  entry.set_report_id(header.report_id);
  entry.set_sequence(header.sequence);
  entry.set_kind(header.kind);
  entry.set_author_key_id(std::string(author_key_id));
  entry.set_previous_hash(header.previous_hash);
  entry.set_quoted_hash(header.quoted_hash);
  if (absl::Status s = CheckHeader(entry, organisation_id); !s.ok()) return s;
  if (nonce.size() != kNonceSize) return absl::InvalidArgumentError("nonce must be 24 bytes");
  // A reporter's key id is derived from the key itself, so a reader holding
  // the follow-up key can check it; a mismatch here is the caller's bug.
  if (header.kind == candour::v1::ENTRY_KIND_REPORTER_MESSAGE && author_key_id != SigningKeyId(author.public_key)) {
    return absl::InvalidArgumentError("author_key_id of a reporter entry must be SigningKeyId of the author's key");
  }
  if (absl::Status s = CheckEntryContent(content, header.kind); !s.ok()) return s;
  if (keys.KeyFor(header.kind) == nullptr) {
    return absl::FailedPreconditionError("only a Guardian's keys can seal a staff-only entry");
  }
  absl::StatusOr<SecretBytes> serialized = SerializeToSecret(content, kMaxEntryBucket, "entry content");
  if (!serialized.ok()) return serialized.status();
  absl::StatusOr<SecretBytes> padded = Pad(serialized->view());
  if (!padded.ok()) return padded.status();

  entry.set_nonce(std::string(nonce));
  const SecretKey<32> key = EntryKey(keys, header.kind, header.sequence);
  const std::string aad = Header(entry, organisation_id);
  std::string ciphertext(padded->size() + kAeadTagSize, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(ciphertext.data()), nullptr,
                                             padded->data(), padded->size(), U(aad), aad.size(), nullptr, U(nonce),
                                             key.data());
  entry.set_ciphertext(std::move(ciphertext));
  entry.set_signature(Sign(author, SigningMessage(entry, organisation_id)));
  return entry;
}

absl::StatusOr<ThreadEntry> SealEntry(const EntryHeader& header, const EntryContent& content, const ThreadKeys& keys,
                                      const Ed25519KeyPair& author, std::string_view author_key_id,
                                      std::string_view organisation_id) {
  // Random 24-byte nonces do not repeat in practice, even when two entries
  // share a sequence number (and so a key) because one was refused.
  std::string nonce(kNonceSize, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  return SealEntryWithNonce(header, content, keys, author, author_key_id, organisation_id, nonce);
}

absl::Status VerifyEntrySignature(const ThreadEntry& entry, std::string_view author_public_key,
                                  std::string_view organisation_id) {
  if (author_public_key.size() != kPublicKeySize) {
    return absl::InvalidArgumentError("author public key must be 32 bytes");
  }
  if (absl::Status s = CheckEntryShape(entry, organisation_id); !s.ok()) return s;
  if (entry.kind() == candour::v1::ENTRY_KIND_REPORTER_MESSAGE &&
      entry.author_key_id() != SigningKeyId(author_public_key)) {
    return absl::UnauthenticatedError("reporter entry author_key_id is not the follow-up key's id");
  }
  if (!VerifySignature(author_public_key, SigningMessage(entry, organisation_id), entry.signature())) {
    return absl::UnauthenticatedError("entry signature does not verify with the author's key");
  }
  return absl::OkStatus();
}

absl::StatusOr<EntryContent> OpenEntry(const ThreadEntry& entry, const ThreadKeys& keys,
                                       std::string_view organisation_id) {
  // Entries come from storage: a malformed one is lost data, not bad input.
  if (absl::Status s = CheckEntryShape(entry, organisation_id); !s.ok()) {
    return absl::DataLossError(absl::StrCat("thread entry is malformed: ", s.message()));
  }
  if (keys.KeyFor(entry.kind()) == nullptr) {
    return absl::FailedPreconditionError("a staff-only entry: only Guardians can read it");
  }
  const SecretKey<32> key = EntryKey(keys, entry.kind(), entry.sequence());
  const std::string aad = Header(entry, organisation_id);
  const std::string& c = entry.ciphertext();
  SecretBytes padded(c.size() - kAeadTagSize);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(padded.data(), nullptr, nullptr, U(c), c.size(), U(aad), aad.size(),
                                                 U(entry.nonce()), key.data()) != 0) {
    return absl::DataLossError("thread entry does not open (wrong case key, or ciphertext or header altered)");
  }
  absl::StatusOr<SecretBytes> plaintext = Unpad(std::move(padded));
  if (!plaintext.ok()) return plaintext.status();
  EntryContent content;
  if (!content.ParseFromArray(plaintext->data(), static_cast<int>(plaintext->size()))) {
    WipeMessage(content);
    return absl::DataLossError("thread entry plaintext does not parse as EntryContent");
  }
  if (absl::Status s = CheckEntryContent(content, entry.kind()); !s.ok()) {
    WipeMessage(content);
    return absl::DataLossError(absl::StrCat("thread entry content is not what its kind holds: ", s.message()));
  }
  return content;
}

}  // namespace candour::crypto
