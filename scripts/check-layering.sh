#!/usr/bin/env bash
# rocksdb/ only in storage/rocksdb_*; grpcpp/ only in transport files,
# candourd_main.cc and clients/; core/noise/ (the exact sampler) includes only
# <cstdint> and its own headers and names no floating-point type. Prints
# offenders and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  case "$f" in storage/rocksdb_*) ;; *) echo "layering: $f includes rocksdb/"; bad=1 ;; esac
done < <(grep -rl --include='*.h' --include='*.cc' '#include [<"]rocksdb/' core crypto storage services clients || true)
while IFS= read -r f; do
  case "$f" in services/*_grpc.*|services/candourd_main.cc|clients/*) ;; *) echo "layering: $f includes grpcpp/"; bad=1 ;; esac
done < <(grep -rl --include='*.h' --include='*.cc' '#include [<"]grpcpp/' core crypto storage services clients || true)
while IFS= read -r line; do
  echo "layering: core/noise/ includes only <cstdint> and core/noise/: $line"; bad=1
done < <(grep -rn --include='*.h' --include='*.cc' '^[[:space:]]*#[[:space:]]*include' core/noise |
  grep -v -e '#include <cstdint>$' -e '#include "core/noise/[a-z_]*\.h"$' || true)
while IFS= read -r line; do
  echo "layering: core/noise/ names a floating-point type: $line"; bad=1
done < <(grep -rn --include='*.h' --include='*.cc' '' core/noise | sed 's://.*$::' |
  grep -E '\b(float|double|_Float[0-9]+|__float128)\b' || true)
exit $bad
