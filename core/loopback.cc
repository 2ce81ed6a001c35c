// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#include "core/loopback.h"

#include <arpa/inet.h>

namespace candour::core {

bool IsLoopbackAddress(const std::string& host_port) {
  if (host_port.rfind("[::1]:", 0) == 0) return true;
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = host_port.substr(0, colon);
  if (host == "localhost") return true;
  in_addr address{};
  // inet_pton accepts only a full dotted quad, so "127.evil.example" fails here.
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) return false;
  return (ntohl(address.s_addr) >> 24) == 127;
}

}  // namespace candour::core
