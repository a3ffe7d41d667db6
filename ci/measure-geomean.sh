#!/usr/bin/env bash
# benchctl's geometric mean against Google Benchmark's compare.py (OVERALL_GEOMEAN) on the same
# runs, exported as Google Benchmark JSON: PAIRS pairs of runs of the tools plugin, once with one
# sample per benchmark (where both are the geometric mean of the same ratios) and once with 3
# processes of 3 repetitions (compare.py takes the geometric mean over every sample; benchctl over
# each benchmark's ratio of medians). Prints each comparison and the differences (exact figures:
# compare.py's JSON dump).
#   ci/measure-geomean.sh [BUILD_DIR] [OUT_DIR] [PAIRS]
# Needs compare.py (apt-get install libbenchmark-tools python3-scipy).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
out=${2:-results/geomean-experiment}
pairs=${3:-20}
benchctl="$(realpath "$build")/benchctl"
compare_py=/usr/share/benchmark/compare.py
[[ -f $compare_py ]] || { echo "no $compare_py: apt-get install libbenchmark-tools" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.db "$out"/*.json "$out"/results.tsv

for shape in "1 1" "3 3"; do
  read -r processes repetitions <<< "$shape"
  suite="$out/geomean-$processes.yaml"
  cat > "$suite" << YAML
suite: geomean-$processes
plugins: [tools]
defaults: {processes: $processes, repetitions: $repetitions, min_time: 5ms, warmup: 2ms}
policy: {time: cpu}
benchmarks:
  - tools/*
YAML
  db="$out/geomean-$processes.db"
  for pair in $(seq "$pairs"); do
    for side in a b; do
      "$benchctl" run "$suite" --db "$db" --fail-on none --format json > /dev/null 2>&1
      "$benchctl" export latest --format gbench --db "$db" > "$out/$processes-$pair-$side.json"
    done
    "$benchctl" compare "$((pair * 2 - 1))" "$((pair * 2))" --db "$db" --resolve never \
      --fail-on none --format json > "$out/$processes-$pair.benchctl.json"
    /usr/bin/python3 "$compare_py" --no-color --no-utest -d "$out/$processes-$pair.compare_py.json" \
      benchmarks "$out/$processes-$pair-a.json" "$out/$processes-$pair-b.json" \
      > "$out/$processes-$pair.compare_py.txt" 2>&1
    python3 - "$out/$processes-$pair.benchctl.json" "$out/$processes-$pair.compare_py.json" \
      "$processes×$repetitions" "$pair" >> "$out/results.tsv" << 'PY'
import json, re, sys
ours = json.load(open(sys.argv[1]))["geometric_means"][0]["ratio"] - 1
overall = next(b for b in json.load(open(sys.argv[2])) if b["name"] == "OVERALL_GEOMEAN")
cpu = overall["measurements"][0]["cpu"]  # the change, a fraction
print(f"{sys.argv[3]}\t{sys.argv[4]}\t{ours:+.6f}\t{cpu:+.6f}\t{abs(ours - cpu):.6f}")
PY
  done
done
echo -e "shape\tpair\tbenchctl\tcompare.py\tdifference" 
cat "$out/results.tsv"
python3 - "$out/results.tsv" << 'PY'
import sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
for shape in sorted({r[0] for r in rows}):
    diffs = [float(r[4]) for r in rows if r[0] == shape]
    same = sum(d < 0.00005 for d in diffs)
    print(f"{shape}: {len(diffs)} comparisons; equal to compare.py's 4 printed decimals in {same}; "
          f"largest difference {max(diffs) * 100:.4f} percentage points, median "
          f"{sorted(diffs)[len(diffs) // 2] * 100:.4f}")
PY
