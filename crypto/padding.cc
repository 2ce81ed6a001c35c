// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/padding.h"

#include <sodium.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace candour::crypto {

bool IsBucketSize(size_t n) {
  for (size_t bucket = kSmallestBucket; bucket <= kLargestBucket; bucket <<= 1) {
    if (n == bucket) return true;
  }
  return false;
}

absl::StatusOr<size_t> BucketFor(size_t content_size) {
  // The +1 is the 0x80 marker byte: padding always adds at least one byte,
  // so content of exactly a bucket's size goes to the next bucket.
  for (size_t bucket = kSmallestBucket; bucket <= kLargestBucket; bucket <<= 1) {
    if (content_size + 1 <= bucket) return bucket;
  }
  return absl::ResourceExhaustedError(absl::StrCat(
      "content size ", content_size, " does not fit the largest bucket (at most ", kLargestBucket - 1, " bytes)"));
}

absl::StatusOr<SecretBytes> Pad(std::string_view content) {
  absl::StatusOr<size_t> bucket = BucketFor(content.size());
  if (!bucket.ok()) return bucket.status();
  SecretBytes padded(*bucket);
  if (!content.empty()) std::memcpy(padded.data(), content.data(), content.size());
  size_t padded_size = 0;
  // Block size = the bucket, so sodium_pad fills exactly to the bucket:
  // content || 0x80 || 0x00 ... (ISO/IEC 7816-4).
  if (sodium_pad(&padded_size, padded.data(), content.size(), *bucket, *bucket) != 0 || padded_size != *bucket) {
    return absl::InternalError("sodium_pad failed on a size that fits its bucket");
  }
  return padded;
}

absl::StatusOr<SecretBytes> Unpad(SecretBytes padded) {
  if (!IsBucketSize(padded.size())) {
    return absl::DataLossError(absl::StrCat("padded size ", padded.size(), " is not a padding bucket"));
  }
  size_t content_size = 0;
  if (sodium_unpad(&content_size, padded.data(), padded.size(), padded.size()) != 0) {
    return absl::DataLossError("padding is malformed (no 0x80 marker followed by zero bytes)");
  }
  padded.Truncate(content_size);
  return padded;
}

}  // namespace candour::crypto
