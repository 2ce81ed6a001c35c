// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "clients/report_form.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/directory_rules.h"

namespace candour::clients {
namespace {

using candour::v1::ReportContent;
using google::protobuf::EnumDescriptor;

// The common prefix of an enum's value names: "REPORT_KIND_" for ReportKind.
std::string Prefix(const EnumDescriptor* type) {
  std::string unspecified = type->value(0)->name();  // FOO_UNSPECIFIED
  return unspecified.substr(0, unspecified.size() - std::string("UNSPECIFIED").size());
}

absl::Status Invalid(std::string message) { return absl::InvalidArgumentError(message); }

absl::Status CheckCharacteristics(absl::string_view field, const google::protobuf::RepeatedField<int>& values,
                                  bool required) {
  if (required && values.empty()) return Invalid(absl::StrCat(field, ": choose at least one (or none-or-not-sure)"));
  std::set<int> seen;
  for (int v : values) {
    if (v <= 0 || v > candour::v1::CHARACTERISTIC_NONE_OR_NOT_SURE) return Invalid(absl::StrCat(field, ": unknown value"));
    if (!seen.insert(v).second) return Invalid(absl::StrCat(field, ": a value is repeated"));
  }
  if (seen.contains(candour::v1::CHARACTERISTIC_NONE_OR_NOT_SURE) && seen.size() > 1) {
    return Invalid(absl::StrCat(field, ": none-or-not-sure cannot be combined with others"));
  }
  return absl::OkStatus();
}

absl::Status CheckWhen(const ReportContent& c, core::Day today) {
  core::CivilDate now = core::CivilFromDay(today);
  if (c.occurred_year() < 2000 || c.occurred_month() < 1 || c.occurred_month() > 12) {
    return Invalid("when: give the month and year it happened, like 2026-10");
  }
  if (c.occurred_year() * 12 + c.occurred_month() > static_cast<uint32_t>(now.year * 12 + now.month)) {
    return Invalid("when: the month is in the future");
  }
  return absl::OkStatus();
}

absl::Status CheckBystander(const ReportContent& c) {
  bool bystander = c.kind() == candour::v1::REPORT_KIND_BYSTANDER_OBSERVATION;
  if (!bystander && (c.bystander_actions_size() > 0 || c.target_supported() != 0)) {
    return Invalid("bystander-action and target-supported are only for a bystander observation");
  }
  std::set<int> seen;
  for (int a : c.bystander_actions()) {
    if (a <= 0 || a > candour::v1::BYSTANDER_ACTION_DOCUMENT) return Invalid("bystander-action: unknown value");
    if (!seen.insert(a).second) return Invalid("bystander-action: a value is repeated");
  }
  if (c.target_supported() < 0 || c.target_supported() > candour::v1::TARGET_SUPPORTED_DONT_KNOW) {
    return Invalid("target-supported: unknown value");
  }
  return absl::OkStatus();
}

absl::Status CheckIdentity(const ReportContent& c) {
  if (!c.has_identity()) return absl::OkStatus();
  if (c.identity().name().empty() || c.identity().name().size() > 200) {
    return Invalid("name: a named report needs a name of 1 to 200 characters");
  }
  if (c.identity().contact().empty() || c.identity().contact().size() > 500) {
    return Invalid("contact: a named report needs a way to contact you (1 to 500 characters)");
  }
  return absl::OkStatus();
}

}  // namespace

std::string EnumName(const EnumDescriptor* type, int value) {
  const auto* v = type->FindValueByNumber(value);
  if (v == nullptr) return "unknown";
  std::string name = v->name().substr(Prefix(type).size());
  return absl::StrReplaceAll(absl::AsciiStrToLower(name), {{"_", "-"}});
}

absl::StatusOr<int> ParseEnumName(const EnumDescriptor* type, absl::string_view name) {
  std::string wanted = Prefix(type) + absl::StrReplaceAll(absl::AsciiStrToUpper(name), {{"-", "_"}, {" ", "_"}});
  const auto* v = type->FindValueByName(wanted);
  if (v == nullptr || v->number() == 0) {
    // The value is not repeated: it may be something the reporter typed.
    return Invalid(absl::StrCat("not one of: ", EnumNames(type)));
  }
  return v->number();
}

std::string EnumNames(const EnumDescriptor* type) {
  std::vector<std::string> names;
  for (int i = 1; i < type->value_count(); ++i) names.push_back(EnumName(type, type->value(i)->number()));
  return absl::StrJoin(names, ", ");
}

absl::Status ValidateReport(const ReportContent& c, const candour::v1::Directory& d, core::Day today) {
  if (c.content_version() != 1) return Invalid("content_version must be 1");
  if (c.kind() <= 0 || c.kind() > candour::v1::REPORT_KIND_OTHER) return Invalid("kind: choose what kind of report");
  if (auto s = CheckCharacteristics("characteristic", c.characteristics(), true); !s.ok()) return s;
  if (c.source() <= 0 || c.source() > candour::v1::BEHAVIOUR_SOURCE_OTHER) {
    return Invalid("source: choose who the behaviour came from");
  }
  if (core::FindDepartment(d, c.department_id()) == nullptr) {
    return Invalid(absl::StrCat("department: ", c.department_id(), " is not a department in the directory"));
  }
  if (c.site().size() > 200) return Invalid("site: at most 200 characters");
  if (auto s = CheckWhen(c, today); !s.ok()) return s;
  if (c.what_happened().empty()) return Invalid("what: say what happened");
  if (c.what_happened().size() + c.impact().size() > kMaxNarrativeBytes) {
    return Invalid("what and impact together are longer than 60000 characters");
  }
  if (c.wanted_outcome() <= 0 || c.wanted_outcome() > candour::v1::WANTED_OUTCOME_FORMAL_ACTION) {
    return Invalid("wants: choose what you would like to happen");
  }
  if (auto s = CheckBystander(c); !s.ok()) return s;
  if (!c.professional_group().empty()) {
    bool known = false;
    for (const auto& g : d.professional_groups()) known |= g == c.professional_group();
    if (!known) return Invalid("professional-group: not one of the organisation's groups");
  }
  if (auto s = CheckIdentity(c); !s.ok()) return s;
  return CheckCharacteristics("my-characteristic", c.reporter_characteristics(), false);
}

crypto::AggregationTag TagFor(const ReportContent& c) {
  crypto::AggregationTag tag;
  tag.department_id = c.department_id();
  tag.kind = static_cast<uint8_t>(c.kind());
  for (int v : c.characteristics()) tag.characteristics |= static_cast<uint16_t>(1u << (v - 1));
  tag.source = static_cast<uint8_t>(c.source());
  return tag;
}

std::string DescribeRecipients(const candour::v1::Directory& d) {
  std::vector<std::string> names;
  for (const auto& r : d.recipients()) {
    names.push_back(r.role() == candour::v1::RECIPIENT_ROLE_RECOVERY
                        ? absl::StrCat(r.display_name(), " (the organisation's recovery key, kept offline)")
                        : absl::StrCat(r.display_name(), " (Freedom to Speak Up Guardian)"));
  }
  return absl::StrJoin(names, ", ");
}

std::string RenderReport(const ReportContent& c, const candour::v1::Directory& d) {
  const auto* kinds = candour::v1::ReportKind_descriptor();
  const auto* chars = candour::v1::Characteristic_descriptor();
  auto names = [&](const auto& values, const EnumDescriptor* type) {
    std::vector<std::string> out;
    for (int v : values) out.push_back(EnumName(type, v));
    return out.empty() ? std::string("-") : absl::StrJoin(out, ", ");
  };
  const auto* dept = core::FindDepartment(d, c.department_id());
  std::string out;
  absl::StrAppend(&out, "Kind:            ", EnumName(kinds, c.kind()), "\n");
  absl::StrAppend(&out, "Characteristics: ", names(c.characteristics(), chars), "\n");
  absl::StrAppend(&out, "Source:          ", EnumName(candour::v1::BehaviourSource_descriptor(), c.source()), "\n");
  absl::StrAppend(&out, "Department:      ", c.department_id(), dept ? absl::StrCat(" (", dept->name(), ", ", dept->directorate(), ")") : "", "\n");
  if (!c.site().empty()) absl::StrAppend(&out, "Site:            ", c.site(), "\n");
  absl::StrAppend(&out, "When:            ", absl::StrFormat("%04d-%02d", c.occurred_year(), c.occurred_month()), "\n");
  absl::StrAppend(&out, "Wants:           ", EnumName(candour::v1::WantedOutcome_descriptor(), c.wanted_outcome()), "\n");
  if (c.kind() == candour::v1::REPORT_KIND_BYSTANDER_OBSERVATION) {
    absl::StrAppend(&out, "Bystander did:   ", names(c.bystander_actions(), candour::v1::BystanderAction_descriptor()), "\n");
    absl::StrAppend(&out, "Target supported: ", EnumName(candour::v1::TargetSupported_descriptor(), c.target_supported()), "\n");
  }
  if (!c.professional_group().empty()) absl::StrAppend(&out, "Professional group: ", c.professional_group(), "\n");
  if (c.has_identity()) {
    absl::StrAppend(&out, "Named report:    ", c.identity().name(), " <", c.identity().contact(), ">\n");
  } else {
    absl::StrAppend(&out, "Anonymous report\n");
  }
  if (c.reporter_characteristics_size() > 0) {
    absl::StrAppend(&out, "Reporter's own characteristics: ", names(c.reporter_characteristics(), chars), "\n");
  }
  absl::StrAppend(&out, "\nWhat happened:\n", c.what_happened(), "\n");
  if (!c.impact().empty()) absl::StrAppend(&out, "\nImpact:\n", c.impact(), "\n");
  return out;
}

}  // namespace candour::clients
