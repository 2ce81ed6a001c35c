// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "crypto/wipe_message.h"

#include <sodium.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/unknown_field_set.h>

#include "absl/strings/str_cat.h"

namespace candour::crypto {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void ZeroField(Message& message, const Reflection& reflection, const FieldDescriptor& field) {
  const bool is_string = field.cpp_type() == FieldDescriptor::CPPTYPE_STRING;
  const bool is_message = field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
  if (field.is_repeated()) {
    for (int i = 0; i < reflection.FieldSize(message, &field); ++i) {
      if (is_string) {
        // The mutable string is the stored one (string fields use ArenaStringPtr).
        std::string scratch;
        const std::string& ref = reflection.GetRepeatedStringReference(message, &field, i, &scratch);
        sodium_memzero(const_cast<char*>(ref.data()), ref.size());
      } else if (is_message) {
        ZeroStrings(*reflection.MutableRepeatedMessage(&message, &field, i));
      }
    }
    return;
  }
  if (!reflection.HasField(message, &field) && is_message) return;
  if (is_string) {
    std::string scratch;
    const std::string& ref = reflection.GetStringReference(message, &field, &scratch);
    sodium_memzero(const_cast<char*>(ref.data()), ref.size());
  } else if (is_message) {
    ZeroStrings(*reflection.MutableMessage(&message, &field));
  }
}

}  // namespace

void ZeroStrings(Message& message) {
  const Reflection& reflection = *message.GetReflection();
  const auto& descriptor = *message.GetDescriptor();
  for (int i = 0; i < descriptor.field_count(); ++i) ZeroField(message, reflection, *descriptor.field(i));
  // Unknown fields may hold content too (a newer client's fields).
  google::protobuf::UnknownFieldSet& unknown = *reflection.MutableUnknownFields(&message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    if (unknown.field(i).type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      std::string* bytes = unknown.mutable_field(i)->mutable_length_delimited();
      sodium_memzero(bytes->data(), bytes->size());
    }
  }
}

void WipeMessage(Message& message) {
  ZeroStrings(message);
  message.Clear();
}

void WipeString(std::string& text) {
  sodium_memzero(text.data(), text.size());
  text.clear();
}

absl::StatusOr<SecretBytes> SerializeToSecret(const google::protobuf::Message& message, size_t limit,
                                              std::string_view what) {
  const size_t size = message.ByteSizeLong();
  // Checked before allocating.
  if (size >= limit) {
    return absl::InvalidArgumentError(absl::StrCat(absl::string_view(what.data(), what.size()), " of ", size,
                                                   " bytes exceeds the largest bucket (at most ", limit - 1, ")"));
  }
  SecretBytes out(size);
  google::protobuf::io::ArrayOutputStream array(out.data(), static_cast<int>(size));
  google::protobuf::io::CodedOutputStream stream(&array);
  stream.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&stream);
  stream.Trim();
  if (stream.HadError() || static_cast<size_t>(stream.ByteCount()) != size) {
    return absl::InternalError(absl::StrCat(absl::string_view(what.data(), what.size()),
                                            " serialised to an unexpected size"));
  }
  return out;
}

}  // namespace candour::crypto
