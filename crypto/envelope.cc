// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/envelope.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "crypto/bytes.h"
#include "crypto/contexts.h"
#include "crypto/hash.h"
#include "crypto/padding.h"
#include "crypto/wipe_message.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace candour::crypto {
namespace {

using candour::v1::Envelope;

constexpr size_t kCommitmentSize = 32;

const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

// Sizes the server also checks; a malformed envelope is the caller's input.
absl::Status CheckShape(const Envelope& e) {
  if (e.envelope_version() != kEnvelopeVersion) return absl::InvalidArgumentError("envelope_version must be 1");
  if (e.report_id().size() != kReportIdSize) return absl::InvalidArgumentError("report_id must be 16 bytes");
  if (e.directory_hash().size() != kHashSize) return absl::InvalidArgumentError("directory_hash must be 32 bytes");
  if (e.nonce().size() != kNonceSize) return absl::InvalidArgumentError("nonce must be 24 bytes");
  if (e.ciphertext().size() < kAeadTagSize || !IsBucketSize(e.ciphertext().size() - kAeadTagSize)) {
    return absl::InvalidArgumentError(
        absl::StrCat("ciphertext size ", e.ciphertext().size(), " is not a padding bucket plus 16"));
  }
  if (e.key_commitment().size() != kCommitmentSize) {
    return absl::InvalidArgumentError("key_commitment must be 32 bytes");
  }
  if (e.sealed_tag().size() != kSealedTagSize) return absl::InvalidArgumentError("sealed_tag must be 64 bytes");
  for (int i = 0; i < e.recipient_key_ids_size(); ++i) {
    if (e.recipient_key_ids(i).size() != kKeyIdSize) {
      return absl::InvalidArgumentError("recipient_key_ids must be 16 bytes each");
    }
    if (i > 0 && !(e.recipient_key_ids(i - 1) < e.recipient_key_ids(i))) {
      return absl::InvalidArgumentError("recipient_key_ids must be strictly ascending");
    }
  }
  return absl::OkStatus();
}

// The recipients of a directory, ordered by key id (the order of the AAD and
// of the case-key records). INVALID_ARGUMENT if a key is missing.
absl::StatusOr<std::vector<const candour::v1::Recipient*>> SortedRecipients(const candour::v1::Directory& d) {
  if (d.recipients().empty()) return absl::InvalidArgumentError("directory has no recipients");
  std::vector<const candour::v1::Recipient*> sorted;
  for (const candour::v1::Recipient& r : d.recipients()) {
    if (r.key_id().size() != kKeyIdSize)
      return absl::InvalidArgumentError("directory recipient key_id must be 16 bytes");
    if (r.x25519_public_key().size() != kPublicKeySize) {
      return absl::InvalidArgumentError("directory recipient x25519_public_key must be 32 bytes");
    }
    sorted.push_back(&r);
  }
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->key_id() < b->key_id(); });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i - 1]->key_id() == sorted[i]->key_id()) {
      return absl::InvalidArgumentError("directory recipient key ids must be unique");
    }
  }
  return sorted;
}

absl::Status AddCaseKeyRecords(const std::vector<const candour::v1::Recipient*>& recipients, const CaseKey& case_key,
                               candour::v1::SubmitReportRequest& request) {
  for (const candour::v1::Recipient* r : recipients) {
    absl::StatusOr<std::string> sealed = SealCaseKey(case_key, r->x25519_public_key());
    if (!sealed.ok()) return sealed.status();
    candour::v1::CaseKeyRecord* record = request.add_case_key_records();
    record->set_recipient_key_id(r->key_id());
    record->set_sealed_case_key(std::move(*sealed));
  }
  return absl::OkStatus();
}

// Checks everything that needs no key, in the order docs/PROTOCOL.md gives.
absl::Status CheckBinding(const Envelope& envelope, const VerifiedDirectory& directory) {
  if (absl::Status s = CheckShape(envelope); !s.ok()) return s;
  if (envelope.directory_version() != directory.directory.version()) {
    return absl::DataLossError("envelope directory_version is not the given directory's version");
  }
  if (envelope.directory_hash() != directory.hash) {
    return absl::DataLossError("envelope directory_hash is not the given directory's hash");
  }
  // The reporter sealed to every recipient of that directory; a shorter or
  // different list (bound in the AAD, so it is the sealer's own) means it
  // was not sealed the way every client seals.
  std::vector<std::string> expected;
  for (const auto& r : directory.directory.recipients()) expected.push_back(r.key_id());
  std::sort(expected.begin(), expected.end());
  if (!std::equal(expected.begin(), expected.end(), envelope.recipient_key_ids().begin(),
                  envelope.recipient_key_ids().end())) {
    return absl::DataLossError("envelope recipients are not the directory's recipients");
  }
  return absl::OkStatus();
}

absl::StatusOr<SecretBytes> Decrypt(const Envelope& envelope, const CaseKey& case_key,
                                    std::string_view organisation_id) {
  const SecretKey<32> subkey = DeriveCaseSubkey(case_key, kCaseSubkeyReportContent);
  const std::string aad = EnvelopeAad(envelope, organisation_id);
  const std::string& c = envelope.ciphertext();
  SecretBytes padded(c.size() - kAeadTagSize);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(padded.data(), nullptr, nullptr, U(c), c.size(), U(aad), aad.size(),
                                                 U(envelope.nonce()), subkey.data()) != 0) {
    return absl::DataLossError("envelope ciphertext does not authenticate (content or additional data altered)");
  }
  return Unpad(std::move(padded));
}

}  // namespace

std::string EnvelopeAad(const Envelope& envelope, std::string_view organisation_id) {
  std::string aad(kReportAadContext);
  aad.push_back('\0');
  aad.append(organisation_id);
  aad.append(envelope.report_id());
  AppendU32Le(aad, envelope.envelope_version());
  AppendU64Le(aad, envelope.directory_version());
  aad.append(envelope.directory_hash());
  AppendU32Le(aad, static_cast<uint32_t>(envelope.recipient_key_ids_size()));
  for (const std::string& id : envelope.recipient_key_ids()) aad.append(id);
  // The tag is bound by its hash, so the aggregation service can check a
  // tag's binding without the content, and the AAD keeps a fixed tail.
  aad.append(DomainHash(kSealedTagHashContext, envelope.sealed_tag()));
  return aad;
}

absl::Status EncryptContent(const candour::v1::ReportContent& content, const CaseKey& case_key, std::string_view nonce,
                            std::string_view organisation_id, Envelope& envelope) {
  if (nonce.size() != kNonceSize) return absl::InvalidArgumentError("nonce must be 24 bytes");
  absl::StatusOr<SecretBytes> serialized = SerializeToSecret(content, kLargestBucket, "report content");
  if (!serialized.ok()) return serialized.status();
  absl::StatusOr<SecretBytes> padded = Pad(serialized->view());
  if (!padded.ok()) return padded.status();
  envelope.set_nonce(std::string(nonce));
  const SecretKey<32> subkey = DeriveCaseSubkey(case_key, kCaseSubkeyReportContent);
  const std::string aad = EnvelopeAad(envelope, organisation_id);
  std::string ciphertext(padded->size() + kAeadTagSize, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(ciphertext.data()), nullptr,
                                             padded->data(), padded->size(), U(aad), aad.size(), nullptr, U(nonce),
                                             subkey.data());
  envelope.set_ciphertext(std::move(ciphertext));
  envelope.set_key_commitment(KeyCommitment(case_key, nonce));
  return absl::OkStatus();
}

absl::StatusOr<candour::v1::SubmitReportRequest> SealReport(const candour::v1::ReportContent& content,
                                                            const AggregationTag& tag,
                                                            const VerifiedDirectory& directory,
                                                            const ReceiptKeys& receipt) {
  const candour::v1::Directory& d = directory.directory;
  absl::StatusOr<std::vector<const candour::v1::Recipient*>> recipients = SortedRecipients(d);
  if (!recipients.ok()) return recipients.status();
  absl::StatusOr<std::string> sealed_tag = SealTag(tag, d.aggregation_public_key());
  if (!sealed_tag.ok()) return sealed_tag.status();

  candour::v1::SubmitReportRequest request;
  Envelope& envelope = *request.mutable_envelope();
  envelope.set_envelope_version(kEnvelopeVersion);
  envelope.set_report_id(RandomBytes(kReportIdSize));
  envelope.set_directory_version(d.version());
  envelope.set_directory_hash(directory.hash);
  for (const candour::v1::Recipient* r : *recipients) envelope.add_recipient_key_ids(r->key_id());
  envelope.set_sealed_tag(std::move(*sealed_tag));

  const CaseKey case_key = NewCaseKey();
  // A random 24-byte nonce cannot repeat in practice, and each case key
  // encrypts once under subkey 1 anyway.
  if (absl::Status s = EncryptContent(content, case_key, RandomBytes(kNonceSize), d.organisation_id(), envelope);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = AddCaseKeyRecords(*recipients, case_key, request); !s.ok()) return s;
  // The reporter gets the view key only: enough for the thread's messages,
  // not for the Guardians' staff-only entries.
  absl::StatusOr<std::string> receipt_sealed =
      SealViewKey(case_key, request.envelope().report_id(), receipt.box.public_key);
  if (!receipt_sealed.ok()) return receipt_sealed.status();
  request.mutable_receipt()->set_lookup_hash(receipt.lookup_hash);
  request.mutable_receipt()->set_sealed_view_key(std::move(*receipt_sealed));
  return request;
}

absl::StatusOr<OpenedReport> OpenWithCaseKey(const Envelope& envelope, CaseKey case_key,
                                             const VerifiedDirectory& directory) {
  if (absl::Status s = CheckBinding(envelope, directory); !s.ok()) return s;
  // Commitment before decryption: a case key that did not make this
  // ciphertext must not get to try it (see KeyCommitment).
  if (absl::Status s = CheckKeyCommitment(case_key, envelope.nonce(), envelope.key_commitment()); !s.ok()) return s;
  absl::StatusOr<SecretBytes> plaintext = Decrypt(envelope, case_key, directory.directory.organisation_id());
  if (!plaintext.ok()) return plaintext.status();
  OpenedReport opened{{}, std::move(case_key)};
  if (!opened.content.ParseFromArray(plaintext->data(), static_cast<int>(plaintext->size()))) {
    return absl::DataLossError("envelope plaintext does not parse as ReportContent");
  }
  return opened;
}

absl::StatusOr<OpenedReport> OpenAsRecipient(const Envelope& envelope, const candour::v1::CaseKeyRecord& record,
                                             const RecipientKeys& keys, const VerifiedDirectory& directory) {
  if (record.recipient_key_id().size() != kKeyIdSize || keys.key_id.size() != kKeyIdSize ||
      sodium_memcmp(record.recipient_key_id().data(), keys.key_id.data(), kKeyIdSize) != 0) {
    return absl::InvalidArgumentError("case-key record recipient_key_id is not this recipient's key id");
  }
  absl::StatusOr<CaseKey> case_key = OpenCaseKey(record.sealed_case_key(), keys.box);
  if (!case_key.ok()) return case_key.status();
  return OpenWithCaseKey(envelope, std::move(*case_key), directory);
}

}  // namespace candour::crypto
