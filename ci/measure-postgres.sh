#!/usr/bin/env bash
# benchctl's storage on PostgreSQL next to SQLite: 1M samples stored (1,000 per add_process, as a
# runner writes them) and a 1,000-benchmark comparison read from the database (both runs with
# every sample, the history, every verdict), each measured by the self plugin in 5 processes,
# first on SQLite, then on a throwaway PostgreSQL cluster (ci/postgres-cluster.sh) on a Unix
# socket. Targets: PostgreSQL ≤ 3 s for 1M samples, ≤ 200 ms for the comparison.
#   ci/measure-postgres.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
work=$(mktemp -d)
cluster=/tmp/benchctl-measure-postgres-$$
trap 'ci/postgres-cluster.sh stop "$cluster"; rm -rf "$work"' EXIT

cat >"$work/storage.yaml" <<'YAML'
suite: storage
plugins: [self]
defaults: {processes: 5, repetitions: 1, min_time: 10ms, warmup: 0s, timeout: 300s}
benchmarks:
  - self/store/samples/1000000
  - self/compare/stored/1000
YAML
echo "SQLite:"
"$build/benchctl" run "$work/storage.yaml" --db "$work/sqlite.db" --plugin-path "$build/plugins" \
  --fail-on failure 2>/dev/null | sed -n '/^Benchmark/,/^$/p'
ci/postgres-cluster.sh start "$cluster"
echo "PostgreSQL ($(cat "$cluster/url")):"
BENCHCTL_SELF_POSTGRES_URL=$(cat "$cluster/url") \
  "$build/benchctl" run "$work/storage.yaml" --db "$work/postgres.db" \
  --plugin-path "$build/plugins" --fail-on failure 2>/dev/null | sed -n '/^Benchmark/,/^$/p'
