// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// For tests that show a secret vector of counts is written nowhere: the
// encodings to look for (Encodings), a byte search over them (Found), and
// CapturedOutput, which takes everything this process writes to its stdout
// and stderr while it lives. Not thread-safe; at most one CapturedOutput at
// a time.
#ifndef CANDOUR_TESTS_SERVICES_LEAK_SEARCH_H_
#define CANDOUR_TESTS_SERVICES_LEAK_SEARCH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace candour::testing {

struct Needle {
  std::string name;   // for failure messages, e.g. "truth as zigzag varints"
  std::string bytes;
};

// The ways `cells` could be written down, each named "<name> as ...": as a
// packed sint64 or int64 field body (zigzag and plain varints), as
// little-endian int64s and int32s in memory, and as decimal text joined by
// nothing, ",", ", ", " ", ";", "|", a tab or a newline.
std::vector<Needle> Encodings(const std::string& name, const std::vector<int64_t>& cells);

// The names of the needles that occur in `haystack`.
std::vector<std::string> Found(std::string_view haystack, const std::vector<Needle>& needles);

// The bytes of every regular file under `dir`, by path.
std::vector<std::pair<std::string, std::string>> FilesUnder(const std::string& dir);

// Redirects file descriptors 1 and 2 to `path` (made or truncated, 0600)
// until Stop(). Everything written to them in this process is taken: stdio,
// iostreams and raw writes alike, from every thread. So with the server
// in-process this takes candourd's log (services/server_log.cc writes
// stderr), gRPC's own log (gpr_log's default writes stderr) and whatever the
// client code prints. Fails the current test if the redirect fails.
class CapturedOutput {
 public:
  explicit CapturedOutput(std::string path);
  ~CapturedOutput() { Stop(); }
  CapturedOutput(const CapturedOutput&) = delete;
  CapturedOutput& operator=(const CapturedOutput&) = delete;

  // Flushes stdio, restores stdout and stderr, and returns what was written
  // meanwhile; also writes it to the restored stderr, so that nothing, not
  // even a failure message, is hidden from whoever runs the test. Later
  // calls return the same text.
  std::string Stop();

 private:
  const std::string path_;
  std::array<int, 2> saved_ = {-1, -1};  // the original stdout and stderr
  std::string text_;
};

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_SERVICES_LEAK_SEARCH_H_
