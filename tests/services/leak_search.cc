// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "tests/services/leak_search.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "absl/strings/str_join.h"

namespace candour::testing {
namespace {

void AppendVarint(std::string& out, uint64_t v) {
  do {
    out.push_back(static_cast<char>((v & 0x7F) | (v > 0x7F ? 0x80 : 0)));
    v >>= 7;
  } while (v != 0);
}

template <typename Int>
std::string LittleEndian(const std::vector<int64_t>& cells) {
  std::string out;
  for (int64_t cell : cells) {
    auto v = static_cast<std::make_unsigned_t<Int>>(static_cast<Int>(cell));
    for (size_t i = 0; i < sizeof(Int); ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<Needle> Encodings(const std::string& name, const std::vector<int64_t>& cells) {
  std::vector<Needle> needles;
  std::string zigzag, varint;
  for (int64_t v : cells) {
    AppendVarint(zigzag, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
    AppendVarint(varint, static_cast<uint64_t>(v));
  }
  needles.push_back({name + " as zigzag varints", zigzag});
  needles.push_back({name + " as varints", varint});
  needles.push_back({name + " as int64s", LittleEndian<int64_t>(cells)});
  needles.push_back({name + " as int32s", LittleEndian<int32_t>(cells)});
  for (const char* separator : {"", ",", ", ", " ", ";", "|", "\t", "\n"}) {
    needles.push_back({name + " as text joined by \"" + separator + "\"", absl::StrJoin(cells, separator)});
  }
  return needles;
}

std::vector<std::string> Found(std::string_view haystack, const std::vector<Needle>& needles) {
  std::vector<std::string> found;
  for (const Needle& needle : needles) {
    if (haystack.find(needle.bytes) != std::string_view::npos) found.push_back(needle.name);
  }
  return found;
}

std::vector<std::pair<std::string, std::string>> FilesUnder(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.emplace_back(entry.path().string(), ReadAll(entry.path().string()));
  }
  return files;
}

CapturedOutput::CapturedOutput(std::string path) : path_(std::move(path)) {
  std::fflush(nullptr);
  const int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    ADD_FAILURE() << "opening " << path_ << ": " << std::strerror(errno);
    return;
  }
  saved_ = {dup(STDOUT_FILENO), dup(STDERR_FILENO)};
  if (saved_[0] < 0 || saved_[1] < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0) {
    ADD_FAILURE() << "redirecting stdout and stderr: " << std::strerror(errno);
  }
  close(fd);
}

std::string CapturedOutput::Stop() {
  if (saved_[0] < 0) return text_;
  std::fflush(nullptr);
  dup2(saved_[0], STDOUT_FILENO);
  dup2(saved_[1], STDERR_FILENO);
  close(saved_[0]);
  close(saved_[1]);
  saved_ = {-1, -1};
  text_ = ReadAll(path_);
  std::fwrite(text_.data(), 1, text_.size(), stderr);
  std::fflush(stderr);
  return text_;
}

}  // namespace candour::testing
