// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/sodium.h"

#include <sodium.h>

namespace candour::crypto {

absl::Status InitSodium() {
  // sodium_init returns 1 when already initialised: that is success too.
  if (sodium_init() < 0) return absl::InternalError("libsodium could not be initialised");
  return absl::OkStatus();
}

}  // namespace candour::crypto
