#!/usr/bin/env bash
# Configures and builds Candour into ./build (warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
