// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Sealing and opening a report. The reporter's client seals ReportContent to
// every recipient of a verified directory; a recipient opens it with its own
// keys and the directory version the envelope names. Byte by byte in
// docs/PROTOCOL.md, "Envelope":
//   aad = kReportAadContext || 0x00 || organisation_id (16) || report_id (16)
//       || envelope_version (u32 LE) || directory_version (u64 LE)
//       || directory_hash (32) || recipient count (u32 LE)
//       || recipient key ids (16 each, ascending) || H(sealed-tag, sealed_tag)
//   ciphertext = XChaCha20-Poly1305-IETF(Pad(content), aad, nonce,
//                                        DeriveCaseSubkey(case_key, 1))
//   key_commitment = KeyCommitment(case_key, nonce)
// Thread-safe.
#ifndef CANDOUR_CRYPTO_ENVELOPE_H_
#define CANDOUR_CRYPTO_ENVELOPE_H_

#include <string>

#include "absl/status/statusor.h"
#include "candour/v1/intake.pb.h"
#include "candour/v1/report.pb.h"
#include "crypto/case_key.h"
#include "crypto/directory_signature.h"
#include "crypto/receipt.h"
#include "crypto/sealed_tag.h"

namespace candour::crypto {

inline constexpr uint32_t kEnvelopeVersion = 1;
inline constexpr size_t kReportIdSize = 16;
inline constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;  // 24
inline constexpr size_t kAeadTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;  // 16

// The additional data above. `recipient_key_ids` must already be ascending.
std::string EnvelopeAad(const candour::v1::Envelope& envelope, std::string_view organisation_id);

// Seals `content` for every recipient of `directory`, with a fresh report id,
// case key and nonce; the tag is sealed to the directory's aggregation key and
// the case's view key (ViewKeyOf) to the receipt's box key. INVALID_ARGUMENT if the content
// is too large or the directory lacks keys.
absl::StatusOr<candour::v1::SubmitReportRequest> SealReport(const candour::v1::ReportContent& content,
                                                            const AggregationTag& tag,
                                                            const VerifiedDirectory& directory,
                                                            const ReceiptKeys& receipt);

// The deterministic core of SealReport, for test vectors: fills envelope
// fields nonce, ciphertext and key_commitment from the given values.
// REQUIRES: the other envelope fields are set.
absl::Status EncryptContent(const candour::v1::ReportContent& content, const CaseKey& case_key,
                            std::string_view nonce, std::string_view organisation_id,
                            candour::v1::Envelope& envelope);

struct OpenedReport {
  candour::v1::ReportContent content;
  CaseKey case_key;
};

// Opens an envelope with a case key already recovered (from a case-key record
// or the receipt). `directory` must be the verified directory of the
// envelope's version. DATA_LOSS if the commitment, the directory binding, the
// AEAD or the padding fails; INVALID_ARGUMENT if the envelope is malformed.
absl::StatusOr<OpenedReport> OpenWithCaseKey(const candour::v1::Envelope& envelope, CaseKey case_key,
                                             const VerifiedDirectory& directory);
// Opens as a recipient: finds nothing itself; `record` is this recipient's.
absl::StatusOr<OpenedReport> OpenAsRecipient(const candour::v1::Envelope& envelope,
                                             const candour::v1::CaseKeyRecord& record,
                                             const RecipientKeys& keys, const VerifiedDirectory& directory);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_ENVELOPE_H_
