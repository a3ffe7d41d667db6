#!/usr/bin/env bash
# Allocation counts (measure: allocations), two experiments on the allocating test plugin:
#   rate: PAIRS times a run of the plugin, another of the same build and one of the build that
#         allocates one more block per iteration in allocating/blocks/1; each compared with the
#         first (--resolve never): how often each comparison's allocation verdicts flag.
#   cost: ROUNDS alternating runs with and without counting: the median time per iteration of a
#         benchmark that allocates 100 blocks an iteration and of one that allocates none, with
#         allocations counted (in a worker of their own, the counter preloaded there only) against
#         without.
#   ci/measure-allocations.sh [BUILD_DIR] [OUT_DIR] [PAIRS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=${2:-results/allocations-experiment}
pairs=${3:-50}
rounds=${4:-20}
benchctl="$build/benchctl"
mkdir -p "$out"
rm -f "$out"/*.db "$out"/*.tsv
cat > "$out/allocating.yaml" << 'YAML'
suite: allocating
plugins: [allocating]
defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s, measure: allocations}
benchmarks:
  - allocating/*
YAML
run() {  # DB BUILD SUITE [ARGS...]
  local db=$1 plugins=$2 suite=$3
  shift 3
  "$benchctl" run "$suite" --db "$db" --plugin-path "$build/test-plugins/$plugins" --fail-on none \
    "$@" > /dev/null 2>&1
}
flags() {  # DB A B: the benchmarks whose allocation verdict is not "no change"
  "$benchctl" compare "$2" "$3" --db "$1" --resolve never --fail-on none --format json |
    python3 -c 'import json,sys; print(sum(b.get("allocations",{}).get("verdict")!="no change" for b in json.load(sys.stdin)["benchmarks"]))'
}
for pair in $(seq "$pairs"); do
  db="$out/rate-$pair.db"
  run "$db" allocating "$out/allocating.yaml"
  run "$db" allocating "$out/allocating.yaml"
  run "$db" allocating-more "$out/allocating.yaml"
  echo -e "$pair\t$(flags "$db" 1 2)\t$(flags "$db" 1 3)" >> "$out/rate.tsv"
done

# The cost: CPU time per iteration with the counter preloaded and without, rounds alternating.
sed -e 's/, measure: allocations//' -e 's|allocating/\*|allocating/blocks/100\n  - allocating/setup_only|' \
  "$out/allocating.yaml" > "$out/timed.yaml"
sed -i 's/processes: 2, repetitions: 2, min_time: 5ms/processes: 4, repetitions: 3, min_time: 50ms/' \
  "$out/timed.yaml"
for round in $(seq "$rounds"); do
  run "$out/cost.db" allocating "$out/timed.yaml" --label plain
  run "$out/cost.db" allocating "$out/timed.yaml" --label counted --measure allocations
done
python3 - "$out" "$benchctl" << 'PY'
import json, statistics, subprocess, sys
out, benchctl = sys.argv[1], sys.argv[2]
rows = [l.split("\t") for l in open(f"{out}/rate.tsv").read().split("\n") if l]
same = [int(r[1]) for r in rows]
more = [int(r[2]) for r in rows]
print(f"identical builds: {sum(s > 0 for s in same)} of {len(same)} comparisons flagged an allocation change "
      f"({sum(same)} benchmark verdicts of {5 * len(same)})")
print(f"one more allocation in allocating/blocks/1: flagged in {sum(m == 1 for m in more)} of {len(more)} "
      f"comparisons, exactly that benchmark ({sum(m > 1 for m in more)} with others too)")
medians = {}
for line in subprocess.run([benchctl, "runs", "--db", f"{out}/cost.db", "--limit", "1000"],
                           capture_output=True, text=True).stdout.splitlines()[2:]:
    fields = line.split()
    if not fields or not fields[0].isdigit():
        continue
    run_id = fields[0]
    label = "counted" if "counted" in line else "plain"
    shown = json.loads(subprocess.run([benchctl, "show", run_id, "--db", f"{out}/cost.db", "--format",
                                       "json"], capture_output=True, text=True).stdout)
    for result in shown["run"]["results"]:
        medians.setdefault((result["name"], label), []).append(result["time"]["median"])
for name in sorted({n for n, _ in medians}):
    plain = statistics.median(medians[(name, "plain")])
    counted = statistics.median(medians[(name, "counted")])
    print(f"{name}: {plain * 1e9:.1f} ns plain, {counted * 1e9:.1f} ns with allocations counted: "
          f"{(counted / plain - 1) * 100:+.1f}% ({len(medians[(name, 'plain')])} runs each)")
PY
