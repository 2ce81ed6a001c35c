# Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
#
# Proves that -mgeneral-regs-only bites for candour_noise_core (GCC only):
#   1. every core/noise/*.cc compiles with the library's own options;
#   2. float_probe.cc compiles without -mgeneral-regs-only (it is valid C++);
#   3. each function of float_probe.cc, alone, fails with the options, and
#      the error names SSE (GCC's "SSE register return with SSE disabled"),
#      so the failure is the flag's and not a typo's.
# Usage: cmake -DCXX=g++ -DOPTIONS=a,b -DSOURCE_DIR=... -DPROBE=... -P this
cmake_minimum_required(VERSION 3.25)

string(REPLACE "," ";" OPTIONS "${OPTIONS}")

set(base -std=c++20 -O2 -I${SOURCE_DIR} -c -o /dev/null)

function(compile out_ok out_err)
  execute_process(COMMAND ${CXX} ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(rc EQUAL 0)
    set(${out_ok} TRUE PARENT_SCOPE)
  else()
    set(${out_ok} FALSE PARENT_SCOPE)
  endif()
  set(${out_err} "${err}" PARENT_SCOPE)
endfunction()

if(NOT "-mgeneral-regs-only" IN_LIST OPTIONS)
  message(FATAL_ERROR "candour_noise_core's options lack -mgeneral-regs-only: ${OPTIONS}")
endif()

file(GLOB core_sources ${SOURCE_DIR}/core/noise/*.cc)
list(LENGTH core_sources n)
if(n EQUAL 0)
  message(FATAL_ERROR "no sources under ${SOURCE_DIR}/core/noise")
endif()
foreach(src IN LISTS core_sources)
  compile(ok err ${base} ${OPTIONS} ${src})
  if(NOT ok)
    message(FATAL_ERROR "${src} does not compile with ${OPTIONS}:\n${err}")
  endif()
endforeach()

set(without ${OPTIONS})
list(REMOVE_ITEM without -mgeneral-regs-only)
compile(ok err ${base} ${without} ${PROBE})
if(NOT ok)
  message(FATAL_ERROR "the probe does not compile even without the flag:\n${err}")
endif()

# One function at a time, by hiding the other behind the preprocessor.
foreach(fn ScaleCountByEpsilon HalfOf)
  file(READ ${PROBE} text)
  if(fn STREQUAL "HalfOf")
    string(REPLACE "int64_t ScaleCountByEpsilon" "#if 0\nint64_t ScaleCountByEpsilon" text "${text}")
    string(REPLACE "double HalfOf" "#endif\ndouble HalfOf" text "${text}")
  else()
    string(REPLACE "double HalfOf" "#if 0\ndouble HalfOf" text "${text}")
    string(APPEND text "#endif\n")
  endif()
  set(one ${CMAKE_CURRENT_BINARY_DIR}/float_probe_${fn}.cc)
  file(WRITE ${one} "${text}")
  compile(ok err ${base} ${OPTIONS} ${one})
  if(ok)
    message(FATAL_ERROR "${fn} compiled with ${OPTIONS}: the flag does not keep floating point out")
  endif()
  if(NOT err MATCHES "SSE")
    message(FATAL_ERROR "${fn} failed with ${OPTIONS}, but not for SSE:\n${err}")
  endif()
  message(STATUS "${fn}: refused as expected")
endforeach()
message(STATUS "${n} core sources compile with ${OPTIONS}; floating point does not")
