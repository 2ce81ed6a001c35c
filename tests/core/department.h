// Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
//
// A directory department in one line, for the insights tests' unit maps.
#ifndef CANDOUR_TESTS_CORE_DEPARTMENT_H_
#define CANDOUR_TESTS_CORE_DEPARTMENT_H_

#include <cstdint>
#include <string>

#include "candour/v1/directory.pb.h"

namespace candour::testing {

inline candour::v1::Department Dept(uint32_t id, const std::string& name, const std::string& directorate,
                                    uint32_t headcount) {
  candour::v1::Department d;
  d.set_id(id);
  d.set_name(name);
  d.set_directorate(directorate);
  d.set_headcount(headcount);
  return d;
}

}  // namespace candour::testing

#endif  // CANDOUR_TESTS_CORE_DEPARTMENT_H_
