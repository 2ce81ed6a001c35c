// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Bad-input rows for staff accounts: AuthService's GetSalt, SignIn and
// AcceptInvitation (malformed names, keys of the wrong size, kdf settings
// other than the server's, codes that are malformed, unknown or for another
// name) and AdminService's InviteStaff and DisableStaff (malformed names and
// grants, days out of range, a taken name, no session, an unknown or own
// account). Each gets its exact code and leaves the store as it was; a
// refused sign-in is counted in memory only.
#include <string>
#include <vector>

#include "tests/services/bad_input.h"

namespace candour::services::bad_input {
namespace {

using candour::testing::StaffFixture;
using candour::v1::AcceptInvitationRequest;
using candour::v1::InviteStaffRequest;

Code GetSalt(BadInputTest& t, const std::string& name) { return t.Record(t.Auth().GetSalt(name).status()); }

Code SignIn(BadInputTest& t, const std::string& name, const std::string& key) {
  candour::v1::SignInRequest request;
  request.set_name(name);
  request.set_auth_key(key);
  return t.Record(t.Auth().SignIn(request).status());
}

std::function<Code(BadInputTest&)> AcceptMutated(std::function<void(AcceptInvitationRequest&)> mutate) {
  return [mutate = std::move(mutate)](BadInputTest& t) {
    AcceptInvitationRequest request = t.Acceptance();
    mutate(request);
    return t.Record(t.Auth().AcceptInvitation(request).status());
  };
}

// A valid invitation for "frank", as root sends it, changed by `mutate`.
std::function<Code(BadInputTest&)> InviteMutated(std::function<void(InviteStaffRequest&)> mutate) {
  return [mutate = std::move(mutate)](BadInputTest& t) {
    InviteStaffRequest request;
    request.set_name("frank");
    *request.mutable_grants() = StaffFixture::RoleGrants(candour::v1::ROLE_GUARDIAN);
    request.set_valid_days(7);
    mutate(request);
    return t.Record(t.Admin().InviteStaff(request).status());
  };
}

std::function<Code(BadInputTest&)> Disable(std::string name) {
  return [name = std::move(name)](BadInputTest& t) { return t.Record(t.Admin().DisableStaff(name)); };
}

void SignInAdmin(BadInputTest& t) { t.SignInAdmin(); }
void InviteErin(BadInputTest& t) { t.InviteErin(); }

std::vector<Case> AuthCases() {
  const std::string key(32, 'k');
  std::vector<Case> cases;
  for (const auto& [name, bad] : std::vector<std::pair<std::string, std::string>>{{"Empty", ""},
                                                                                  {"Space", "al ice"},
                                                                                  {"Slash", "a/b"},
                                                                                  {"Nul", std::string("ali\0ce", 6)},
                                                                                  {"TooLong", std::string(65, 'a')},
                                                                                  {"NonAscii", "\xc3\xa9lise"}}) {
    cases.push_back(
        {"GetSaltName" + name, nullptr, [bad](BadInputTest& t) { return GetSalt(t, bad); }, Code::kInvalidArgument});
    cases.push_back({"SignInName" + name, nullptr, [bad, key](BadInputTest& t) { return SignIn(t, bad, key); },
                     Code::kInvalidArgument});
    cases.push_back({"AcceptInvitationName" + name, InviteErin,
                     AcceptMutated([bad](AcceptInvitationRequest& r) { r.set_name(bad); }), Code::kInvalidArgument});
  }
  for (size_t size : {size_t{0}, size_t{31}, size_t{33}}) {
    const std::string suffix = std::to_string(size);
    cases.push_back({"SignInAuthKeyOf" + suffix + "Bytes", SignInAdmin,
                     [size](BadInputTest& t) { return SignIn(t, "root", std::string(size, 'k')); },
                     Code::kInvalidArgument});
    cases.push_back({"AcceptInvitationAuthKeyOf" + suffix + "Bytes", InviteErin,
                     AcceptMutated([size](AcceptInvitationRequest& r) { r.set_auth_key(std::string(size, 'k')); }),
                     Code::kInvalidArgument});
  }
  // Refused sign-ins are counted in memory, never stored.
  cases.push_back({"SignInUnknownName", nullptr, [key](BadInputTest& t) { return SignIn(t, "nobody", key); },
                   Code::kUnauthenticated});
  cases.push_back({"SignInWrongKey", SignInAdmin, [key](BadInputTest& t) { return SignIn(t, "root", key); },
                   Code::kUnauthenticated});
  cases.push_back({"AcceptInvitationMalformedCode", InviteErin,
                   AcceptMutated([](AcceptInvitationRequest& r) { r.set_invitation_code("not-a-code"); }),
                   Code::kInvalidArgument});
  cases.push_back({"AcceptInvitationSaltOf15Bytes", InviteErin,
                   AcceptMutated([](AcceptInvitationRequest& r) { r.mutable_kdf()->mutable_salt()->pop_back(); }),
                   Code::kInvalidArgument});
  cases.push_back({"AcceptInvitationOtherSalt", InviteErin,
                   AcceptMutated([](AcceptInvitationRequest& r) { r.mutable_kdf()->mutable_salt()->at(0) ^= 1; }),
                   Code::kInvalidArgument});
  cases.push_back({"AcceptInvitationOtherLimits", InviteErin, AcceptMutated([](AcceptInvitationRequest& r) {
                     r.mutable_kdf()->set_opslimit(r.kdf().opslimit() + 1);
                   }),
                   Code::kInvalidArgument});
  cases.push_back({"AcceptInvitationLimitsBelowInteractive", InviteErin,
                   AcceptMutated([](AcceptInvitationRequest& r) { r.mutable_kdf()->set_opslimit(1); }),
                   Code::kInvalidArgument});
  cases.push_back({"AcceptInvitationWrappedKeysOver64KiB", InviteErin, AcceptMutated([](AcceptInvitationRequest& r) {
                     r.set_wrapped_keys(std::string(64 * 1024 + 1, 'w'));
                   }),
                   Code::kResourceExhausted});
  cases.push_back({"AcceptInvitationUnknownCode", InviteErin,
                   AcceptMutated([](AcceptInvitationRequest& r) { r.set_invitation_code("k3m9p-0x1hf-dtvzr-4a3e8"); }),
                   Code::kPermissionDenied});
  cases.push_back({"AcceptInvitationForAnotherName", InviteErin,
                   [](BadInputTest& t) {
                     AcceptInvitationRequest request = t.Acceptance();
                     request.set_name("mallory");
                     *request.mutable_kdf() = *t.Auth().GetSalt("mallory");  // right for the name, wrong code
                     return t.Record(t.Auth().AcceptInvitation(request).status());
                   },
                   Code::kPermissionDenied});
  return cases;
}

std::vector<Case> AdminCases() {
  std::vector<Case> cases;
  cases.push_back({"InviteStaffMalformedName", SignInAdmin,
                   InviteMutated([](InviteStaffRequest& r) { r.set_name("fr ank"); }), Code::kInvalidArgument});
  cases.push_back({"InviteStaffNoRole", SignInAdmin, InviteMutated([](InviteStaffRequest& r) { r.clear_grants(); }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffUnknownRole", SignInAdmin, InviteMutated([](InviteStaffRequest& r) {
                     r.mutable_grants()->set_roles(0, static_cast<candour::v1::Role>(99));
                   }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffRolesOutOfOrder", SignInAdmin,
                   InviteMutated([](InviteStaffRequest& r) { r.mutable_grants()->add_roles(candour::v1::ROLE_ADMIN); }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffNetworkWithoutScope", SignInAdmin, InviteMutated([](InviteStaffRequest& r) {
                     r.mutable_grants()->set_roles(0, candour::v1::ROLE_STAFF_NETWORK);
                   }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffScopeWithoutNetwork", SignInAdmin, InviteMutated([](InviteStaffRequest& r) {
                     r.mutable_grants()->add_network_scope(candour::v1::CHARACTERISTIC_RACE);
                   }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffZeroDays", SignInAdmin,
                   InviteMutated([](InviteStaffRequest& r) { r.set_valid_days(0); }), Code::kInvalidArgument});
  cases.push_back({"InviteStaff31Days", SignInAdmin, InviteMutated([](InviteStaffRequest& r) { r.set_valid_days(31); }),
                   Code::kInvalidArgument});
  cases.push_back({"InviteStaffTakenName", SignInAdmin,
                   InviteMutated([](InviteStaffRequest& r) { r.set_name("ROOT"); }), Code::kAlreadyExists});
  cases.push_back(
      {"InviteStaffWithoutSession", nullptr, InviteMutated([](InviteStaffRequest&) {}), Code::kUnauthenticated});
  cases.push_back({"DisableStaffMalformedName", SignInAdmin, Disable("r/oot"), Code::kInvalidArgument});
  cases.push_back({"DisableStaffEmptyName", SignInAdmin, Disable(""), Code::kInvalidArgument});
  cases.push_back({"DisableStaffUnknownAccount", SignInAdmin, Disable("nobody"), Code::kNotFound});
  cases.push_back({"DisableStaffOwnAccount", SignInAdmin, Disable("Root"), Code::kFailedPrecondition});
  cases.push_back({"DisableStaffWithoutSession", nullptr, Disable("root"), Code::kUnauthenticated});
  return cases;
}

}  // namespace

std::vector<Case> StaffCases() { return Joined({AuthCases(), AdminCases()}); }

}  // namespace candour::services::bad_input
