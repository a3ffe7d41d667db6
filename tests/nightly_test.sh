#!/usr/bin/env bash
# ci/nightly.sh end to end on a temporary database: two nights, the second compared with the
# first; a second nightly during the first refused at once; a crashing benchmark failing the job
# and named in its digest; bad arguments refused.
#   nightly_test.sh BENCHCTL SOURCE_DIR TEST_PLUGIN_DIR
set -euo pipefail
export BENCHCTL=$1
source_dir=$2
plugins=$3
work=$(mktemp -d)
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$work/suite.yaml" << 'EOF'
suite: nightly-test
plugins: [scaled, calibration]
defaults: {processes: 3, repetitions: 2, min_time: 10ms, warmup: 5ms}
policy: {time: cpu}
benchmarks:
  - name: scaled/*
  - name: calibration/spin/1000
EOF
nightly() {  # DATE PLUGIN_DIR [ARGS...]
  local date=$1 dir=$2
  shift 2
  NIGHTLY_DATE=$date "$source_dir/ci/nightly.sh" --suite "$work/suite.yaml" --db "$work/n.db" \
    --results "$work/results" --plugin-path "$dir" "$@"
}

# Night one, night two: both folders, the second compared with the first.
nightly 2026-11-01 "$plugins/scaled" > "$work/night1.out" 2>&1 ||
  fail "night 1 exited $?: $(cat "$work/night1.out")"
nightly 2026-11-02 "$plugins/scaled" --baseline first --notify "cat > $work/notified" \
  > "$work/night2.out" 2>&1 && fail "an unknown baseline must be refused" || true
"$BENCHCTL" baseline save first --run 1 --db "$work/n.db" > /dev/null
nightly 2026-11-02 "$plugins/scaled" --baseline first --notify "cat > $work/notified" \
  > "$work/night2.out" 2>&1 || fail "night 2 exited $?: $(cat "$work/night2.out")"
for day in 2026-11-01 2026-11-02; do
  for file in run.md run.json run.html history.md history.json history.html alerts.json digest.md \
    maintain.txt; do
    [[ -s "$work/results/$day/$file" ]] || fail "$day/$file missing"
  done
done
[[ ! -e "$work/results/2026-11-01/compare-previous.md" ]] || fail "night 1 has no previous night"
[[ -s "$work/results/2026-11-02/compare-previous.html" ]] || fail "night 2 lacks compare-previous.html"
grep -q "Compared with the previous night (2026-11-01)" "$work/results/2026-11-02/digest.md" ||
  fail "night 2's digest lacks the comparison: $(cat "$work/results/2026-11-02/digest.md")"
[[ "$(jq -r '.baseline.runs[0]' "$work/results/2026-11-02/compare-previous.json")" == 1 ]] ||
  fail "night 2 not compared with run 1"
[[ "$(jq -r '.current.runs[0]' "$work/results/2026-11-02/compare-baseline.json")" == 2 ]] ||
  fail "the baseline comparison is not of night 2's run"
[[ "$(jq -r '.run.environment.git_commit' "$work/results/2026-11-02/run.json")" == \
  "$(git -C "$source_dir" rev-parse HEAD)" ]] || fail "the run does not name the commit measured"
grep -q "nightly 2026-11-02" <("$BENCHCTL" runs --db "$work/n.db") || fail "label missing"
[[ ! -e "$work/notified" ]] || fail "nothing to say, yet notified"

# A second nightly while one holds the lock: refused at once, with a line saying why.
nightly 2026-11-03 "$plugins/scaled" > "$work/night3.out" 2>&1 &
first=$!
for _ in $(seq 100); do
  [[ -e "$work/results/2026-11-03/run.log" ]] && break
  sleep 0.1
done
status=0
started=$SECONDS
nightly 2026-11-03 "$plugins/scaled" > "$work/second.out" 2>&1 || status=$?
[[ $status -eq 75 ]] || fail "second nightly exited $status: $(cat "$work/second.out")"
((SECONDS - started < 5)) || fail "the second nightly waited"
[[ $(wc -l < "$work/second.out") -eq 1 ]] || fail "$(cat "$work/second.out")"
grep -q "another nightly is running" "$work/second.out" || fail "$(cat "$work/second.out")"
wait $first || fail "the first nightly failed: $(cat "$work/night3.out")"

# A benchmark crashing: exit 3, named in the digest, which is sent.
status=0
nightly 2026-11-04 "$plugins/scaled-crash" --notify "cat > $work/notified" \
  > "$work/night4.out" 2>&1 || status=$?
[[ $status -eq 3 ]] || fail "a crashing benchmark exited $status: $(cat "$work/night4.out")"
grep -q '^- `scaled/steady`' "$work/results/2026-11-04/digest.md" ||
  fail "digest: $(cat "$work/results/2026-11-04/digest.md")"
grep -q "1 failed benchmark" "$work/notified" || fail "not notified"

# Retention: the first night made old, its samples go, its medians stay and it stays comparable.
sqlite3 "$work/n.db" "UPDATE runs SET started_at = '2020-01-01T00:00:00Z' WHERE id = 1"
before=$("$BENCHCTL" compare 1 2 --db "$work/n.db" --fail-on none --format json | jq -c '[.benchmarks[].ratio]')
nightly 2026-11-05 "$plugins/scaled" --retain-samples 1 > /dev/null 2>&1 || fail "retention"
grep -q "^Deleted [1-9][0-9]* samples of 1 run older than 1 day" \
  "$work/results/2026-11-05/maintain.txt" || fail "$(cat "$work/results/2026-11-05/maintain.txt")"
[[ $(sqlite3 "$work/n.db" "SELECT count(*) FROM samples s JOIN results r ON r.id = s.result_id \
  WHERE r.run_id = 1") -eq 0 ]] || fail "samples of run 1 remain"
after=$("$BENCHCTL" compare 1 2 --db "$work/n.db" --fail-on none --format json | jq -c '[.benchmarks[].ratio]')
# Samples are stored in whole nanoseconds, the medians kept from the unrounded figures: equal to
# within a part in a billion.
python3 -c 'import json, sys; a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2]);
sys.exit(len(a) != len(b) or any(abs(x / y - 1) > 1e-9 for x, y in zip(a, b)))' "$before" "$after" ||
  fail "pruning changed the comparison: $before then $after"
"$BENCHCTL" show 1 --db "$work/n.db" > /dev/null || fail "show after pruning"

# Bad arguments: one line, exit 2.
for bad in "--retain-samples 0" "--suite $work/none.yaml" "--frobnicate" "--bisect make"; do
  status=0
  # shellcheck disable=SC2086
  nightly 2026-11-06 "$plugins/scaled" $bad > "$work/bad.out" 2>&1 || status=$?
  [[ $status -eq 2 && $(wc -l < "$work/bad.out") -eq 1 ]] ||
    fail "'$bad' exited $status: $(cat "$work/bad.out")"
done
status=0
NIGHTLY_DATE=yesterday "$source_dir/ci/nightly.sh" --suite "$work/suite.yaml" > "$work/bad.out" 2>&1 ||
  status=$?
[[ $status -eq 2 ]] || fail "a bad NIGHTLY_DATE exited $status"
echo "nightly: ok"
