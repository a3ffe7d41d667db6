#!/usr/bin/env bash
# The A/B experiment: how often `benchctl ab` flags two identical builds, and how often it catches
# a build whose work is 2% or 5% larger, while a CPU hog keeps the other core busy. The builds are
# the workload test plugin compiled with a cost factor (tests/plugins: workload-x1.00, -x1.02,
# -x1.05) against the default build; the policy's warn line is 1.5%, so that +2% is a verdict.
#
#   ci/measure-ab.sh [BUILD_DIR] [OUT_DIR]        (about two hours on a 2-core VM)
#
# Environment: AB_AA (A/B measurements of identical builds, default 60: 300 comparisons of 5
# benchmarks), AB_SLOWED (A/B measurements per slowdown, default 5: 20 comparisons of the 4 hash
# benchmarks; the no-op is unchanged and counts as A/A), AB_ARGS (extra arguments to benchctl ab).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=${2:-results/ab-experiment}
aa=${AB_AA:-60}
pairs=${AB_SLOWED:-5}
plugins=$build/test-plugins
[[ -x $build/benchctl && -f $plugins/workload-x1.02/benchctl_workload_102.so ]] || {
  echo "measure-ab: build benchctl and its test plugins in $build first" >&2
  exit 2
}
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "$out"/ab.db* "$out"/*.json "$out/bin"
# Measures with a copy of the binary and plugins, so that a rebuild meanwhile changes nothing.
mkdir -p "$out/bin"
cp "$build/benchctl" "$build/benchctl-rusage" "$build/benchctl-worker.so" "$out/bin/"
for build_dir in workload workload-x1.00 workload-x1.02 workload-x1.05; do
  cp -r "$plugins/$build_dir" "$out/bin/"
done
plugins=$out/bin

cat > "$out/workload.yaml" <<'YAML'
suite: workload-ab
plugins: [workload]
defaults: {repetitions: 2, min_time: 20ms, warmup: 10ms, timeout: 120s}
policy: {warn: 1.5%, fail: 10%}
benchmarks:
  - workload/hash/*
  - workload/noop
YAML

# A CPU hog on the other core for the whole experiment, stopped however the script ends.
hog() { while :; do :; done; }
hog &
hog_pid=$!
trap 'kill $hog_pid 2>/dev/null || true' EXIT

measure() {  # NAME A_DIR B_DIR
  local started=$SECONDS
  "$out/bin/benchctl" ab "$out/workload.yaml" --a "$2" --b "$3" --db "$out/ab.db" \
    --label-a a --label-b b --format json --fail-on none ${AB_ARGS:-} > "$out/$1.json"
  echo "$1 $((SECONDS - started))" >> "$out/seconds.txt"
}

: > "$out/seconds.txt"
for ((i = 1; i <= aa; i++)); do
  measure "aa-$i" "$plugins/workload" "$plugins/workload-x1.00"
  echo "measure-ab: identical builds $i/$aa" >&2
done
for factor in 1.02 1.05; do
  for ((i = 1; i <= pairs; i++)); do
    measure "x$factor-$i" "$plugins/workload" "$plugins/workload-x$factor"
    echo "measure-ab: x$factor $i/$pairs" >&2
  done
done

python3 - "$out" <<'PY'
import json, glob, os, statistics, sys
out = sys.argv[1]
def load(prefix):
    docs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, prefix + "-*.json")))]
    return [b for d in docs for b in d["benchmarks"] if b["standing"] == "compared"]
aa = load("aa")
flagged = [b for b in aa if b["verdict"] not in ("no change", "inconclusive")]
print(f"A/A: {len(aa)} paired comparisons of identical builds, {len(flagged)} flagged "
      f"({100 * len(flagged) / max(len(aa), 1):.1f}%); verdicts: "
      + ", ".join(f"{v} {sum(b['verdict'] == v for b in aa)}" for v in sorted({b['verdict'] for b in aa})))
print(f"  pairs measured per benchmark: median {statistics.median(b['pairs'] for b in aa)}, "
      f"max {max(b['pairs'] for b in aa)}")
for factor in ("1.02", "1.05"):
    slowed = load("x" + factor)
    hashes = [b for b in slowed if b["name"].startswith("workload/hash/")]
    noops = [b for b in slowed if not b["name"].startswith("workload/hash/")]
    caught = sum(b["verdict"] in ("slower", "regression") for b in hashes)
    print(f"+{100 * (float(factor) - 1):.0f}%: flagged slower in {caught} of {len(hashes)} "
          f"comparisons; " + ", ".join(f"{v} {sum(b['verdict'] == v for b in hashes)}"
                                        for v in sorted({b['verdict'] for b in hashes}))
          + f"; median pairs {statistics.median(b['pairs'] for b in hashes)}; the unchanged no-op "
          f"flagged in {sum(b['verdict'] not in ('no change', 'inconclusive') for b in noops)} "
          f"of {len(noops)}")
seconds = [int(line.split()[1]) for line in open(os.path.join(out, "seconds.txt"))]
print(f"measurement time per A/B of 5 benchmarks: median {statistics.median(seconds)} s "
      f"({statistics.median(seconds) / 5:.0f} s per benchmark), max {max(seconds)} s")
PY
