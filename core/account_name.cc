// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/account_name.h"

#include "absl/strings/ascii.h"

namespace candour::core {

absl::StatusOr<std::string> NormaliseAccountName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAccountNameLength) {
    return absl::InvalidArgumentError("an account name has 1 to 64 characters");
  }
  std::string out(name);
  for (char& c : out) {
    c = absl::ascii_tolower(static_cast<unsigned char>(c));
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) return absl::InvalidArgumentError("an account name has only letters, digits, '.', '_' and '-'");
  }
  return out;
}

}  // namespace candour::core
