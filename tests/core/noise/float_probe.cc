// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// Deliberately floating point, and built by no target:
// general_regs_only_check.cmake compiles it with candour_noise_core's own
// options and expects GCC to refuse it, and without -mgeneral-regs-only and
// expects it to compile. The first function is the slip the flag exists to
// catch (a double inside, integers at the boundary); the second passes one.
#include <cstdint>

int64_t ScaleCountByEpsilon(int64_t count, int64_t num, int64_t den) {
  const double epsilon = static_cast<double>(num) / static_cast<double>(den);
  return static_cast<int64_t>(static_cast<double>(count) * epsilon);
}

double HalfOf(double x) { return x / 2; }
