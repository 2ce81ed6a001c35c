#!/usr/bin/env bash
# rocksdb/ only in storage/rocksdb_*; grpcpp/ only in transport files,
# candourd_main.cc and clients/. Prints offenders and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  case "$f" in storage/rocksdb_*) ;; *) echo "layering: $f includes rocksdb/"; bad=1 ;; esac
done < <(grep -rl --include='*.h' --include='*.cc' '#include [<"]rocksdb/' core crypto storage services clients || true)
while IFS= read -r f; do
  case "$f" in services/*_grpc.*|services/candourd_main.cc|clients/*) ;; *) echo "layering: $f includes grpcpp/"; bad=1 ;; esac
done < <(grep -rl --include='*.h' --include='*.cc' '#include [<"]grpcpp/' core crypto storage services clients || true)
exit $bad
