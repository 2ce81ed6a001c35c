// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/directory_rules.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"

namespace candour::core {
namespace {

using candour::v1::Directory;

constexpr size_t kIdSize = 16;
constexpr size_t kKeySize = 32;
constexpr size_t kSealedKeySize = 80;
constexpr size_t kMaxNameBytes = 200;

absl::Status Invalid(absl::string_view message) { return absl::InvalidArgumentError(message); }

absl::Status CheckName(absl::string_view field, absl::string_view value, bool required) {
  if (required && value.empty()) return Invalid(absl::StrCat(field, " is empty"));
  if (value.size() > kMaxNameBytes) {
    return Invalid(absl::StrCat(field, " is ", value.size(), " bytes; at most ", kMaxNameBytes, " allowed"));
  }
  return absl::OkStatus();
}

absl::Status CheckDepartments(const Directory& d) {
  if (d.departments_size() == 0) return Invalid("departments: at least one is required");
  if (d.departments_size() > kMaxDepartments) return Invalid("departments: too many");
  std::set<uint32_t> ids;
  for (const auto& dept : d.departments()) {
    if (dept.id() == 0) return Invalid("departments.id 0 is not allowed");
    if (!ids.insert(dept.id()).second) return Invalid(absl::StrCat("departments.id ", dept.id(), " is duplicated"));
    if (auto s = CheckName("departments.name", dept.name(), true); !s.ok()) return s;
    if (auto s = CheckName("departments.directorate", dept.directorate(), true); !s.ok()) return s;
    if (auto s = CheckName("departments.site", dept.site(), false); !s.ok()) return s;
    if (dept.headcount() > 1000000) return Invalid("departments.headcount is above 1000000");
  }
  return absl::OkStatus();
}

absl::Status CheckRecipients(const Directory& d) {
  if (d.recipients_size() == 0) return Invalid("recipients: at least one guardian is required");
  if (d.recipients_size() > kMaxRecipients) return Invalid("recipients: more than 64");
  std::set<std::string> ids;
  bool has_guardian = false;
  for (const auto& r : d.recipients()) {
    if (r.key_id().size() != kIdSize) return Invalid("recipients.key_id must be 16 bytes");
    if (!ids.insert(r.key_id()).second) return Invalid("recipients.key_id is duplicated");
    if (r.x25519_public_key().size() != kKeySize) return Invalid("recipients.x25519_public_key must be 32 bytes");
    if (r.ed25519_public_key().size() != kKeySize) return Invalid("recipients.ed25519_public_key must be 32 bytes");
    if (auto s = CheckName("recipients.display_name", r.display_name(), true); !s.ok()) return s;
    if (r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN) has_guardian = true;
    else if (r.role() != candour::v1::RECIPIENT_ROLE_RECOVERY) return Invalid("recipients.role is unspecified");
  }
  if (!has_guardian) return Invalid("recipients: at least one guardian is required");
  return absl::OkStatus();
}

absl::Status CheckKeys(const Directory& d) {
  for (const auto& a : d.admins()) {
    if (a.key_id().size() != kIdSize || a.ed25519_public_key().size() != kKeySize) {
      return Invalid("admins: key_id must be 16 bytes and ed25519_public_key 32 bytes");
    }
  }
  if (d.aggregation_public_key().size() != kKeySize) return Invalid("aggregation_public_key must be 32 bytes");
  std::set<std::string> sealed_for;
  for (const auto& rec : d.aggregation_key_records()) {
    if (rec.sealed_secret_key().size() != kSealedKeySize) {
      return Invalid("aggregation_key_records.sealed_secret_key must be 80 bytes");
    }
    sealed_for.insert(rec.recipient_key_id());
  }
  for (const auto& r : d.recipients()) {
    if (r.role() == candour::v1::RECIPIENT_ROLE_GUARDIAN && !sealed_for.contains(r.key_id())) {
      return Invalid("aggregation_key_records: a guardian has no sealed aggregation key");
    }
  }
  bool holder_found = false;
  for (const auto& r : d.recipients()) holder_found |= r.key_id() == d.release_holder_key_id();
  if (!holder_found) return Invalid("release_holder_key_id is not a recipient");
  if (d.release_public_key().size() != kKeySize) return Invalid("release_public_key must be 32 bytes");
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateDirectory(const Directory& d) {
  if (d.organisation_id().size() != kIdSize) return Invalid("organisation_id must be 16 bytes");
  if (auto s = CheckName("organisation_name", d.organisation_name(), true); !s.ok()) return s;
  if (d.version() == 0) return Invalid("version must be at least 1");
  // Days from 1970 to 9999-12-31 only, so the arithmetic below cannot overflow.
  constexpr int32_t kLastDay = 2932896;
  if (d.issued_day() < 0 || d.issued_day() > kLastDay || d.expiry_day() < 0 || d.expiry_day() > kLastDay) {
    return Invalid("issued_day and expiry_day must be days between 1970 and 9999");
  }
  if (d.expiry_day() < d.issued_day()) return Invalid("expiry_day is before issued_day");
  if (d.expiry_day() - d.issued_day() > kMaxDirectoryValidityDays) {
    return Invalid("expiry_day is more than 31 days after issued_day");
  }
  if (auto s = CheckDepartments(d); !s.ok()) return s;
  if (auto s = CheckRecipients(d); !s.ok()) return s;
  if (auto s = CheckKeys(d); !s.ok()) return s;
  if (d.professional_groups_size() > 64) return Invalid("professional_groups: more than 64");
  for (const auto& g : d.professional_groups()) {
    if (g.empty() || g.size() > 100) return Invalid("professional_groups entries must be 1..100 bytes");
  }
  return absl::OkStatus();
}

absl::Status CheckDirectoryCurrent(const Directory& d, Day today) {
  if (today > d.expiry_day()) {
    return absl::FailedPreconditionError(absl::StrCat("directory version ", d.version(), " expired on ",
                                                      FormatDay(d.expiry_day())));
  }
  if (d.issued_day() > today + 1) {
    return absl::FailedPreconditionError(absl::StrCat("directory version ", d.version(), " is issued in the future (",
                                                      FormatDay(d.issued_day()), ")"));
  }
  return absl::OkStatus();
}

const candour::v1::Department* FindDepartment(const Directory& d, uint32_t id) {
  for (const auto& dept : d.departments()) {
    if (dept.id() == id) return &dept;
  }
  return nullptr;
}

}  // namespace candour::core
