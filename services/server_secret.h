// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// candourd's own 32-byte secret, which keys the salts it answers for names
// with no account (crypto/staff_credentials.h). It must survive restarts:
// a salt that changed would mark the name as unknown. Kept in a 0600 file
// beside the data, never logged. Not thread-safe (called once at start).
#ifndef CANDOUR_SERVICES_SERVER_SECRET_H_
#define CANDOUR_SERVICES_SERVER_SECRET_H_

#include <string>

#include "absl/status/statusor.h"
#include "crypto/secret_bytes.h"

namespace candour::services {

// Reads the secret at `path`, or makes one there (created exclusively, 0600,
// fsynced with its directory) if there is no file. DATA_LOSS for a file of
// the wrong size; FAILED_PRECONDITION if others can read it; errors from the
// file system as UNAVAILABLE / PERMISSION_DENIED.
absl::StatusOr<crypto::SecretBytes> LoadOrCreateServerSecret(const std::string& path);

}  // namespace candour::services

#endif  // CANDOUR_SERVICES_SERVER_SECRET_H_
