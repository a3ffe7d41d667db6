#!/usr/bin/env bash
# benchctl submit --slurm end to end on the one-node cluster ctest started (ci/slurm-cluster.sh),
# into a throwaway database on ctest's PostgreSQL: a suite of 8 benchmarks in 4 shards arrives as
# one complete group, comparable with the suite measured whole; a shard killed with scancel leaves
# its group incomplete, naming it; submitting that shard again completes the group.
#   slurm_test.sh BENCHCTL SLURM_DIR POSTGRES_DIR
set -euo pipefail
benchctl=$1
export SLURM_CONF=$2/slurm.conf
postgres=$3
work=$(mktemp -d)
chmod 755 "$work"
database=slurm_test_$$
base_url=$(cat "$postgres/url")
url=${base_url/\/benchctl\?//$database?}
port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' "$postgres/url")
cleanup() {
  scancel --name=benchctl-slurm-test 2>/dev/null || true
  runuser -u postgres -- dropdb -h "$postgres" -p "$port" --if-exists "$database" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
runuser -u postgres -- createdb -h "$postgres" -p "$port" "$database"

{
  echo "suite: slurm-test"
  echo "benchmarks:"
  for b in 1 2 3 4 5 6 7 8; do
    echo "  - {name: sleep/$b, command: [/bin/sleep, '0.4'], runs: 2}"
  done
} > "$work/suite.yaml"
cd "$work"

wait_for_job() {  # JOB
  for _ in $(seq 600); do
    [[ -z $(squeue -h -j "$1" 2>/dev/null) ]] && return 0
    sleep 0.2
  done
  fail "job $1 did not end in 120 s: $(squeue)"
}
submit() {  # ARGS...: prints the job id
  local out
  out=$("$benchctl" submit suite.yaml --slurm --db "$url" "$@") || fail "submit $*: $out"
  sed -n 's/^Submitted Slurm job \([0-9]*\):.*/\1/p' <<< "$out"
}

# Four shards, one group, every benchmark once.
job=$(submit --nodes 4 --group first --constraint bench --partition bench)
[[ -n $job ]] || fail "no job id"
wait_for_job "$job"
"$benchctl" show group:first --db "$url" --format json > first.json 2> first.err ||
  fail "show group:first exited $?: $(cat first.err) $(cat slurm-test-*.out 2>/dev/null)"
[[ $(jq '.run.results | length' first.json) == 8 ]] || fail "first: $(jq -c '[.run.results[].name]' first.json)"
[[ $(jq '[.run.results[].name] | unique | length' first.json) == 8 ]] || fail "a benchmark twice"
for task in 1 2 3 4; do
  [[ -f benchctl-slurm-test-${job}_$task.out ]] || fail "no output of task $task: $(ls)"
done

# Comparable with the suite measured whole.
"$benchctl" run suite.yaml --db "$url" > /dev/null 2>&1 || fail "the whole suite did not run"
"$benchctl" compare group:first latest --db "$url" --resolve never --fail-on none --format json \
  > compared.json || fail "compare exited $?"
[[ $(jq '.benchmarks | length' compared.json) == 8 ]] || fail "compared: $(cat compared.json)"
[[ $(jq '.summary.only_in_baseline + .summary.only_in_current' compared.json) == 0 ]] ||
  fail "benchmarks on one side only"

# A shard killed while it measures: the group is incomplete and says which shard.
job=$(submit --nodes 4 --group second)
for _ in $(seq 600); do
  "$benchctl" show group:second --db "$url" > /dev/null 2> standing.err || true
  grep -q "shard 1 of 4: run [0-9]* is still running" standing.err && break
  sleep 0.2
done
grep -q "is still running" standing.err || fail "shard 1 never ran: $(cat standing.err)"
scancel "${job}_1"
wait_for_job "$job"
set +e
"$benchctl" show group:second --db "$url" > /dev/null 2> second.err
code=$?
set -e
[[ $code == 3 ]] || fail "an incomplete group exited $code: $(cat second.err)"
grep -Eq "^benchctl: group second is incomplete: shard 1 of 4: run [0-9]+ was interrupted$" \
  second.err || fail "$(cat second.err)"
"$benchctl" baseline save partial --run group:second --db "$url" 2> /dev/null &&
  fail "an incomplete group was saved as a baseline"

# Submitted again, the shard completes the group.
job=$(submit --nodes 4 --group second --shard 1)
wait_for_job "$job"
"$benchctl" show group:second --db "$url" > /dev/null 2> second.err ||
  fail "the group is still incomplete: $(cat second.err)"
echo "slurm: 4 shards, one killed and submitted again: ok"
