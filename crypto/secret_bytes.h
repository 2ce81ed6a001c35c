// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Owning containers for secrets (keys, passphrases, plaintext report content).
// Both wipe their memory with sodium_memzero when destroyed, moved from, or
// truncated. They are move-only and have no operator<< and no ToString, so a
// secret cannot be logged by accident. Access goes through span()/data().
// Not thread-safe; like std::vector.
//
// They deliberately do not mlock: locking and unlocking many small heap
// objects splits the process's memory mappings, which the kernel does not
// merge back; 60,000 sealed reports left 19,000 mappings and 150,000 hit
// vm.max_map_count and failed to allocate (bench/submit_bench). Instead both
// binaries disable core dumps, and deployments should run without swap or
// with encrypted swap (docs/THREAT_MODEL.md). Use sodium_malloc only for a
// few long-lived keys.
// REQUIRES: sodium_init() has succeeded (crypto/sodium.h) before first use.
#ifndef CANDOUR_CRYPTO_SECRET_BYTES_H_
#define CANDOUR_CRYPTO_SECRET_BYTES_H_

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <utility>

namespace candour::crypto {

// A variable-length secret buffer (Tink's SecretData, with libsodium).
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t size) : data_(size ? new uint8_t[size]() : nullptr), size_(size) {}
  // Copies `bytes`; the caller wipes its own copy.
  static SecretBytes CopyOf(std::span<const uint8_t> bytes) {
    SecretBytes s(bytes.size());
    if (!bytes.empty()) std::memcpy(s.data_, bytes.data(), bytes.size());
    return s;
  }
  static SecretBytes CopyOf(std::string_view bytes) {
    return CopyOf(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      Wipe();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  ~SecretBytes() { Wipe(); }

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::span<uint8_t> span() { return {data_, size_}; }
  std::span<const uint8_t> span() const { return {data_, size_}; }
  // A view as characters, for APIs (protobuf parsing) that take them.
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  // Shrinks to `n` bytes (n <= size()), wiping the tail.
  void Truncate(size_t n) {
    if (n < size_) {
      sodium_memzero(data_ + n, size_ - n);
      size_ = n;
    }
  }

 private:
  void Wipe() {
    if (data_ != nullptr) {
      // Wipe the whole original allocation; Truncate keeps the tail zeroed.
      sodium_memzero(data_, size_);
      delete[] data_;
      data_ = nullptr;
      size_ = 0;
    }
  }

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// A fixed-size secret key: 32-byte symmetric keys, X25519 and Ed25519 secrets.
template <size_t N>
class SecretKey {
 public:
  static constexpr size_t kSize = N;
  SecretKey() = default;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  SecretKey(SecretKey&& other) noexcept : SecretKey() {
    bytes_ = other.bytes_;
    sodium_memzero(other.bytes_.data(), N);
  }
  SecretKey& operator=(SecretKey&& other) noexcept {
    if (this != &other) {
      bytes_ = other.bytes_;
      sodium_memzero(other.bytes_.data(), N);
    }
    return *this;
  }
  ~SecretKey() {
    sodium_memzero(bytes_.data(), N);

  }
  // Copies N bytes from `bytes`. REQUIRES: bytes.size() == N.
  static SecretKey CopyOf(std::span<const uint8_t> bytes) {
    SecretKey k;
    std::memcpy(k.bytes_.data(), bytes.data(), N);
    return k;
  }

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  static constexpr size_t size() { return N; }
  std::span<uint8_t, N> span() { return std::span<uint8_t, N>(bytes_); }
  std::span<const uint8_t, N> span() const { return std::span<const uint8_t, N>(bytes_); }

 private:
  std::array<uint8_t, N> bytes_{};
};

}  // namespace candour::crypto

#endif  // CANDOUR_CRYPTO_SECRET_BYTES_H_
