// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Whether a host:port names this machine, the one place both candourd (may
// it listen without TLS?) and clients (may they connect without TLS?) ask.
// Stateless and thread-safe.
#ifndef CANDOUR_CORE_LOOPBACK_H_
#define CANDOUR_CORE_LOOPBACK_H_

#include <string>

namespace candour::core {

// True only for "localhost:P", "[::1]:P" and a dotted-quad IPv4 address in
// 127.0.0.0/8 ("127.0.0.1:P"). A hostname that merely starts with "127." is
// not loopback: it resolves wherever its owner likes.
bool IsLoopbackAddress(const std::string& host_port);

}  // namespace candour::core

#endif  // CANDOUR_CORE_LOOPBACK_H_
