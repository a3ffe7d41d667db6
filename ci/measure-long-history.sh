#!/usr/bin/env bash
# A comparison on a machine with a long history: 200 complete runs of 1,000 benchmarks (ten
# processes of three repetitions each) on one machine, in SQLite and in a throwaway PostgreSQL
# cluster, then `benchctl compare B 200` timed for a baseline run just before and one 80 runs
# back. A comparison reads each benchmark's newest 2 × 50 runs (analysis/noise_model.h), so its
# cost stops growing with the history. With OTHER_BUILD set, that build's benchctl compares too
# and the two JSON reports must be identical. That build creates both databases and compares first,
# so that a schema it does not know yet is added by this build's migrations, as on an upgrade.
#   ci/measure-long-history.sh [BUILD_DIR] [ROUNDS]      needs python3 (for the SQLite file) and psql
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
rounds=${2:-3}
work=$(mktemp -d)
cluster=/tmp/benchctl-measure-history-$$
trap 'ci/postgres-cluster.sh stop "$cluster"; rm -rf "$work"' EXIT
runs=200 benchmarks=1000

ci/postgres-cluster.sh start "$cluster"
url=$(cat "$cluster/url")
creator=${OTHER_BUILD:-$build}
"$creator/benchctl" maintain --db "$url" >/dev/null  # creates the schema
settings='{"budgets":[],"min_time":1.0,"policy":{"alpha":0.01,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"real","warn":0.05},"processes":10,"repetitions":3,"timeout":300.0,"warmup":0.05}'
psql "$url" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO runs (id, uuid, suite_name, suite_file, status, started_at, finished_at, config_hash,
                  config, environment, owner_host, owner_pid, owner_start_time, host, cpu_model)
SELECT r, 'run-' || r, 'nightly', 'nightly.yaml', 'complete', '2026-01-01T00:00:00Z',
       '2026-01-01T01:00:00Z', 'hash', '{}',
       '{"cores":2,"cpu_model":"cpu","host":"box","git_commit":"c' || r || '"}', 'box', 1, 1, 'box', 'cpu'
FROM generate_series(1, $runs) r;
INSERT INTO results (id, run_id, name, plugin, kind, status, settings)
SELECT (r - 1) * $benchmarks + b + 1, r, 'self/benchmark/' || b, 'self', 'benchmark', 'ok', '$settings'
FROM generate_series(1, $runs) r, generate_series(0, $benchmarks - 1) b;
INSERT INTO processes (result_id, process, median_real_seconds, median_cpu_seconds, repetitions,
                       iterations, real_ns, cpu_ns, instructions)
SELECT id, p, 1e-3 * (1 + random() * 0.02), 1e-3, '{0,1,2}', '{1000,1000,1000}',
       ARRAY[(1e6 * (1 + random() * 0.02))::bigint, (1e6 * (1 + random() * 0.02))::bigint,
             (1e6 * (1 + random() * 0.02))::bigint], '{1000000,1000000,1000000}', '{NULL,NULL,NULL}'
FROM results, generate_series(0, 9) p;
SQL
# Schema 3 keeps a copy of each result's medians, which benchctl writes as a result finishes.
if (($(psql "$url" -Atc "SELECT max(version) FROM benchctl_migrations") >= 3)); then
  psql "$url" -q -v ON_ERROR_STOP=1 -c "UPDATE results r SET median_real_seconds = m.real,
    median_cpu_seconds = m.cpu FROM (SELECT result_id,
    array_agg(median_real_seconds ORDER BY process) AS real,
    array_agg(median_cpu_seconds ORDER BY process) AS cpu FROM processes GROUP BY result_id) m
    WHERE m.result_id = r.id"
fi
psql "$url" -q -c "VACUUM ANALYZE"

# The same history in SQLite: an empty database of the current schema, filled by python3.
"$creator/benchctl" maintain --db "$work/history.db" >/dev/null
python3 - "$work/history.db" "$runs" "$benchmarks" "$settings" <<'PY'
import random, sqlite3, sys
path, runs, benchmarks, settings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
db = sqlite3.connect(path)
db.executemany(
    "INSERT INTO runs (id, suite_name, suite_file, status, started_at, finished_at, config_hash, "
    "config, environment, owner_host, owner_pid, owner_start_time, host, cpu_model, uuid) "
    "VALUES (?, 'nightly', 'nightly.yaml', 'complete', '2026-01-01T00:00:00Z', "
    "'2026-01-01T01:00:00Z', 'hash', '{}', ?, 'box', 1, 1, 'box', 'cpu', ?)",
    [(r, '{"cores":2,"cpu_model":"cpu","host":"box","git_commit":"c%d"}' % r, "run-%d" % r)
     for r in range(1, runs + 1)])
db.executemany(
    "INSERT INTO results (id, run_id, name, plugin, kind, status, settings) "
    "VALUES (?, ?, ?, 'self', 'benchmark', 'ok', ?)",
    [((r - 1) * benchmarks + b + 1, r, "self/benchmark/%d" % b, settings)
     for r in range(1, runs + 1) for b in range(benchmarks)])
ids = range(1, runs * benchmarks + 1)
db.executemany(
    "INSERT INTO processes (result_id, process, median_real_seconds, median_cpu_seconds) "
    "VALUES (?, ?, ?, 1e-3)", [(i, p, 1e-3 * (1 + random.random() * 0.02)) for i in ids for p in range(10)])
db.executemany(
    "INSERT INTO samples (result_id, process, repetition, iterations, real_ns, cpu_ns) "
    "VALUES (?, ?, ?, 1000, ?, 1000000)",
    [(i, p, k, int(1e6 * (1 + random.random() * 0.02))) for i in ids for p in range(10) for k in range(3)])
db.commit()
PY

for db in "$work/history.db" "$url"; do
  case $db in postgresql*) echo "PostgreSQL:" ;; *) echo "SQLite:" ;; esac
  if [[ -n "${OTHER_BUILD:-}" ]]; then
    for baseline in $((runs - 1)) $((runs - 80)); do
      /usr/bin/time -f "  $OTHER_BUILD: compare $baseline $runs: %e s" \
        "$OTHER_BUILD/benchctl" compare "$baseline" "$runs" --db "$db" --format json \
        --fail-on none >"$work/other-$baseline.json"
    done
  fi
  for baseline in $((runs - 1)) $((runs - 80)); do
    for round in $(seq "$rounds"); do
      /usr/bin/time -f "  compare $baseline $runs: %e s, peak RSS %M KB" \
        "$build/benchctl" compare "$baseline" "$runs" --db "$db" --format json --fail-on none \
        >"$work/new.json"
    done
    if [[ -n "${OTHER_BUILD:-}" ]]; then
      cmp -s "$work/new.json" "$work/other-$baseline.json" &&
        echo "  same report as $OTHER_BUILD" ||
        { echo "  DIFFERENT report from $OTHER_BUILD"; exit 1; }
    fi
  done
done
