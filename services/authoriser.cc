// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "services/authoriser.h"

#include <sodium.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"
#include "crypto/staff_credentials.h"

namespace candour::services {
namespace {

std::string RoleNames(const candour::v1::Access& access) {
  std::vector<std::string> names;
  for (int role : access.roles()) names.push_back(candour::v1::Role_Name(static_cast<candour::v1::Role>(role)));
  return absl::StrJoin(names, ", ");
}

}  // namespace

bool HoldsAllowedRole(const candour::v1::Access& access, const candour::v1::Grants& grants) {
  return std::any_of(access.roles().begin(), access.roles().end(), [&](int role) {
    return std::find(grants.roles().begin(), grants.roles().end(), role) != grants.roles().end();
  });
}

absl::StatusOr<std::optional<Caller>> Authoriser::Authorise(std::string_view method,
                                                           std::string_view authorization) const {
  const candour::v1::Access* access = table_->Find(method);
  if (access == nullptr) return absl::InternalError(absl::StrCat("no access declaration for ", absl::string_view(method.data(), method.size())));
  if (access->anonymous()) return std::optional<Caller>();

  if (authorization.empty()) return absl::UnauthenticatedError("this needs a session; sign in first");
  if (authorization.size() != kBearerPrefix.size() + 2 * crypto::kSessionTokenSize ||
      authorization.substr(0, kBearerPrefix.size()) != kBearerPrefix) {
    return absl::UnauthenticatedError("the authorization metadata is not \"Bearer\" and a session token");
  }
  absl::StatusOr<std::string> decoded = crypto::HexDecode(authorization.substr(kBearerPrefix.size()));
  if (!decoded.ok()) return absl::UnauthenticatedError("the session token is not hex");
  const crypto::SecretBytes token = crypto::SecretBytes::CopyOf(*decoded);
  sodium_memzero(decoded->data(), decoded->size());

  absl::StatusOr<Caller> caller = sessions_->Authenticate(token.view());
  if (!caller.ok()) return caller.status();
  if (!HoldsAllowedRole(*access, caller->grants)) {
    return absl::PermissionDeniedError(absl::StrCat("this needs one of the roles ", RoleNames(*access)));
  }
  return std::optional<Caller>(*std::move(caller));
}

}  // namespace candour::services
