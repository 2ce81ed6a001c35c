// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/directory_rules.h"

#include <functional>
#include <string>

#include "gtest/gtest.h"

namespace candour::core {
namespace {

using candour::v1::Directory;

Directory Valid() {
  Directory d;
  d.set_organisation_id(std::string(16, 'o'));
  d.set_organisation_name("Test Trust");
  d.set_version(3);
  d.set_issued_day(20000);
  d.set_expiry_day(20031);
  auto* dept = d.add_departments();
  dept->set_id(7);
  dept->set_name("Maternity");
  dept->set_directorate("Women and Children");
  dept->set_headcount(120);
  auto* r = d.add_recipients();
  r->set_key_id(std::string(16, 'g'));
  r->set_display_name("Guardian");
  r->set_role(candour::v1::RECIPIENT_ROLE_GUARDIAN);
  r->set_x25519_public_key(std::string(32, 'x'));
  r->set_ed25519_public_key(std::string(32, 'e'));
  d.set_aggregation_public_key(std::string(32, 'a'));
  auto* rec = d.add_aggregation_key_records();
  rec->set_recipient_key_id(std::string(16, 'g'));
  rec->set_sealed_secret_key(std::string(80, 's'));
  d.set_release_holder_key_id(std::string(16, 'g'));
  d.set_release_public_key(std::string(32, 'e'));
  return d;
}

TEST(DirectoryRulesTest, AcceptsAWellFormedDirectory) { EXPECT_TRUE(ValidateDirectory(Valid()).ok()); }

struct BadCase {
  std::string name;
  std::function<void(Directory&)> mutate;
  std::string message_part;
};

TEST(DirectoryRulesTest, RejectsEachBrokenRuleNamingTheField) {
  const BadCase cases[] = {
      {"short org id", [](Directory& d) { d.set_organisation_id("x"); }, "organisation_id"},
      {"no name", [](Directory& d) { d.clear_organisation_name(); }, "organisation_name"},
      {"version 0", [](Directory& d) { d.set_version(0); }, "version"},
      {"expiry before issue", [](Directory& d) { d.set_expiry_day(19999); }, "expiry_day"},
      {"valid 32 days", [](Directory& d) { d.set_expiry_day(20032); }, "31 days"},
      {"no departments", [](Directory& d) { d.clear_departments(); }, "departments"},
      {"department id 0", [](Directory& d) { d.mutable_departments(0)->set_id(0); }, "departments.id"},
      {"duplicate department", [](Directory& d) { *d.add_departments() = d.departments(0); }, "duplicated"},
      {"no directorate", [](Directory& d) { d.mutable_departments(0)->clear_directorate(); }, "directorate"},
      {"no recipients", [](Directory& d) { d.clear_recipients(); }, "recipients"},
      {"short key id", [](Directory& d) { d.mutable_recipients(0)->set_key_id("k"); }, "key_id"},
      {"short x25519", [](Directory& d) { d.mutable_recipients(0)->set_x25519_public_key("k"); }, "x25519"},
      {"no guardian", [](Directory& d) { d.mutable_recipients(0)->set_role(candour::v1::RECIPIENT_ROLE_RECOVERY); },
       "guardian"},
      {"role unspecified", [](Directory& d) { d.mutable_recipients(0)->clear_role(); }, "role"},
      {"no aggregation key", [](Directory& d) { d.clear_aggregation_public_key(); }, "aggregation_public_key"},
      {"guardian without sealed aggregation key", [](Directory& d) { d.clear_aggregation_key_records(); },
       "aggregation_key_records"},
      {"sealed key wrong size",
       [](Directory& d) { d.mutable_aggregation_key_records(0)->set_sealed_secret_key("s"); }, "80 bytes"},
      {"release holder not a recipient", [](Directory& d) { d.set_release_holder_key_id(std::string(16, 'z')); },
       "release_holder_key_id"},
      {"empty professional group", [](Directory& d) { d.add_professional_groups(""); }, "professional_groups"},
  };
  for (const auto& c : cases) {
    Directory d = Valid();
    c.mutate(d);
    absl::Status s = ValidateDirectory(d);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(std::string(s.message()).find(c.message_part), std::string::npos) << c.name << ": " << s.message();
  }
}

TEST(DirectoryRulesTest, CurrentFromIssueDayToExpiryDayInclusive) {
  Directory d = Valid();
  EXPECT_TRUE(CheckDirectoryCurrent(d, 20000).ok());
  EXPECT_TRUE(CheckDirectoryCurrent(d, 20031).ok());
  EXPECT_EQ(CheckDirectoryCurrent(d, 20032).code(), absl::StatusCode::kFailedPrecondition);
  // A day of clock skew before the issue day is allowed, two are not.
  EXPECT_TRUE(CheckDirectoryCurrent(d, 19999).ok());
  EXPECT_EQ(CheckDirectoryCurrent(d, 19998).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(DirectoryRulesTest, FindsDepartmentsById) {
  Directory d = Valid();
  ASSERT_NE(FindDepartment(d, 7), nullptr);
  EXPECT_EQ(FindDepartment(d, 7)->name(), "Maternity");
  EXPECT_EQ(FindDepartment(d, 8), nullptr);
}

}  // namespace
}  // namespace candour::core

namespace candour::core {
namespace {

TEST(DirectoryRulesTest, RejectsDaysOutsideTheCalendarWithoutOverflow) {
  Directory d = Valid();
  d.set_issued_day(INT32_MIN);
  d.set_expiry_day(INT32_MAX);
  EXPECT_EQ(ValidateDirectory(d).code(), absl::StatusCode::kInvalidArgument);
  // Formatting a hostile day must not overflow either.
  EXPECT_FALSE(FormatDay(INT32_MAX).empty());
  EXPECT_FALSE(FormatDay(INT32_MIN).empty());
}

}  // namespace
}  // namespace candour::core
