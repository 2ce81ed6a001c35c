// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Size buckets and ISO/IEC 7816-4 padding (sodium_pad). Report content is
// padded to the smallest bucket 1024 << k (k = 0..6, up to 64 KiB) that holds
// it plus the 0x80 marker, so the server learns only the bucket. Thread-safe.
#ifndef CANDOUR_CRYPTO_PADDING_H_
#define CANDOUR_CRYPTO_PADDING_H_

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::crypto {

inline constexpr size_t kSmallestBucket = 1024;
inline constexpr size_t kLargestBucket = 65536;

// True if n is one of 1024, 2048, ..., 65536.
bool IsBucketSize(size_t n);
// The bucket for `content_size` bytes of content. RESOURCE_EXHAUSTED if the
// content does not fit the largest bucket (content_size >= 65536).
absl::StatusOr<size_t> BucketFor(size_t content_size);
// Pads `content` to its bucket. RESOURCE_EXHAUSTED as BucketFor.
absl::StatusOr<SecretBytes> Pad(std::string_view content);
// Removes the padding. DATA_LOSS if the size is not a bucket or the padding
// is malformed.
absl::StatusOr<SecretBytes> Unpad(SecretBytes padded);

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_PADDING_H_
