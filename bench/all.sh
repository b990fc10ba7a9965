#!/usr/bin/env bash
# Runs every benchmark, one after the other (about 15 minutes), each with its defaults; README.md's results section
# is rebuilt after each. Stops at the first that fails to run (a missed target is not a failure).
#   bench/all.sh [name ...]     names: gateway-requests gateway-bulk gateway-memory poller aggregator end-to-end
set -euo pipefail
cd "$(dirname "$0")"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(gateway-requests gateway-bulk gateway-memory poller aggregator end-to-end)
for name in "${names[@]}"; do
  echo "=== $name ($(date -u +%H:%M:%S))"
  "./$name.sh"
done
