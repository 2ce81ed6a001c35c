// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/staff_session.h"

#include <sodium.h>

#include "clients/session_keyring.h"
#include "core/account_name.h"
#include "crypto/staff_credentials.h"

namespace candour::clients {
namespace {

// Request messages that carried a secret are wiped before they are freed.
void WipeField(std::string* field) { sodium_memzero(field->data(), field->size()); }

// The salt and limits the server answers for `name`, checked before any
// Argon2id runs: a server must not be able to make a client allocate
// gigabytes or spin for minutes.
absl::StatusOr<candour::v1::AccountKdf> FetchKdf(AuthClient& auth, const std::string& name) {
  absl::StatusOr<candour::v1::AccountKdf> kdf = auth.GetSalt(name);
  if (!kdf.ok()) return kdf.status();
  if (kdf->salt().size() != crypto::kAccountSaltSize ||
      !crypto::AccountKdfInRange({kdf->opslimit(), kdf->memlimit()})) {
    return absl::FailedPreconditionError("the server asked for key-derivation settings outside the accepted range");
  }
  return kdf;
}

absl::StatusOr<crypto::StaffSecrets> Derive(std::string_view passphrase, const candour::v1::AccountKdf& kdf) {
  return crypto::DeriveStaffSecrets(passphrase, kdf.salt(), {kdf.opslimit(), kdf.memlimit()});
}

}  // namespace

absl::StatusOr<SignedIn> SignInStaff(AuthClient& auth, std::string_view raw_name, std::string_view passphrase) {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(raw_name);
  if (!name.ok()) return name.status();
  absl::StatusOr<candour::v1::AccountKdf> kdf = FetchKdf(auth, *name);
  if (!kdf.ok()) return kdf.status();
  absl::StatusOr<crypto::StaffSecrets> secrets = Derive(passphrase, *kdf);
  if (!secrets.ok()) return secrets.status();

  candour::v1::SignInRequest request;
  request.set_name(*name);
  request.set_auth_key(std::string(secrets->auth_key.view()));
  absl::StatusOr<candour::v1::SignInResponse> response = auth.SignIn(request);
  WipeField(request.mutable_auth_key());
  if (!response.ok()) return response.status();
  if (response->session_token().size() != crypto::kSessionTokenSize) {
    return absl::DataLossError("the server sent a malformed session token");
  }
  SignedIn out;
  out.token = std::make_unique<SessionToken>(crypto::SecretBytes::CopyOf(response->session_token()));
  WipeField(response->mutable_session_token());
  out.grants = response->grants();
  out.wrapped_keys = response->wrapped_keys();
  out.wrap_key = std::move(secrets->wrap_key);
  out.expires_at = response->expires_at();
  return out;
}

absl::StatusOr<candour::v1::Grants> AcceptStaffInvitation(AuthClient& auth, std::string_view invitation_code,
                                                          std::string_view raw_name, std::string_view passphrase,
                                                          std::string_view wrapped_keys) {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(raw_name);
  if (!name.ok()) return name.status();
  // The server makes the account only with the salt and limits it already
  // answers for the name, so that the answer does not change once it exists.
  absl::StatusOr<candour::v1::AccountKdf> kdf = FetchKdf(auth, *name);
  if (!kdf.ok()) return kdf.status();
  absl::StatusOr<crypto::StaffSecrets> secrets = Derive(passphrase, *kdf);
  if (!secrets.ok()) return secrets.status();
  candour::v1::AcceptInvitationRequest request;
  request.set_invitation_code(std::string(invitation_code));
  request.set_name(*name);
  *request.mutable_kdf() = *std::move(kdf);
  request.set_auth_key(std::string(secrets->auth_key.view()));
  request.set_wrapped_keys(std::string(wrapped_keys));
  absl::StatusOr<candour::v1::AcceptInvitationResponse> response = auth.AcceptInvitation(request);
  WipeField(request.mutable_auth_key());
  WipeField(request.mutable_invitation_code());
  if (!response.ok()) return response.status();
  return response->grants();
}

absl::StatusOr<Resumed> ResumeStaff(const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds deadline,
                                    std::string_view server, std::string_view account) {
  absl::StatusOr<std::string> name = core::NormaliseAccountName(account);
  if (!name.ok()) return name.status();
  const std::string key_name = SessionKeyName(server, *name);
  absl::StatusOr<crypto::SecretBytes> token = FindSession(key_name, crypto::kSessionTokenSize);
  if (absl::IsNotFound(token.status()) || absl::IsFailedPrecondition(token.status())) return Resumed{};
  if (!token.ok()) return token.status();
  SignedIn out;
  out.token = std::make_unique<SessionToken>(*std::move(token));
  out.saved = true;
  AuthClient auth(channel, deadline, out.token.get());
  absl::StatusOr<candour::v1::WhoAmIResponse> who = auth.WhoAmI();
  if (absl::IsUnauthenticated(who.status())) {
    // Idle too long, signed out elsewhere, or the account disabled.
    if (absl::Status s = ForgetSession(key_name); !s.ok()) return s;
    return Resumed{.session = std::nullopt, .ended = true};
  }
  if (!who.ok()) return who.status();
  if (who->name() != *name) return absl::DataLossError("the saved session belongs to another account");
  out.grants = who->grants();
  out.expires_at = who->expires_at();
  Resumed resumed;
  resumed.session.emplace(std::move(out));
  return resumed;
}

}  // namespace candour::clients
