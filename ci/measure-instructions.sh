#!/usr/bin/env bash
# The instruction experiment, on the workload test plugin (hashing n words; BENCHCTL_TEST_SCALE
# scales the work): how exactly counts repeat, whether a 1% change of work is caught, and what the
# mode costs against callgrind alone.
#
#   ci/measure-instructions.sh [BUILD_DIR] [OUT_DIR]      (about 15 minutes)
#
# 21 runs of identical code in instruction mode, each compared with the one before (20 × 5 = 100
# A/A comparisons); 10 runs doing 1% more work, each compared with an A/A run (40 comparisons of
# the hash benchmarks); then the mode's cost against callgrind alone.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=${2:-results/instruction-experiment}
plugins=$build/test-plugins/workload
[[ -x $build/benchctl && -f $plugins/benchctl_workload.so ]] || {
  echo "measure-instructions: build benchctl and its test plugins in $build first" >&2
  exit 2
}
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "$out"/i.db* "$out/bin"
# Measures with a copy of the binaries and plugins, so that a rebuild meanwhile changes nothing.
mkdir -p "$out/bin/plugins"
cp "$build/benchctl" "$build/benchctl-rusage" "$build/benchctl-worker.so" "$build/gbench_calibration" \
  "$out/bin/"
cp "$plugins/benchctl_workload.so" "$build/plugins/benchctl_calibration.so" "$out/bin/plugins/"
build=$out/bin
plugins=$out/bin/plugins
cat > "$out/workload.yaml" <<'YAML'
suite: workload-instructions
plugins: [workload]
defaults: {measure: instructions, processes: 3, repetitions: 2, min_time: 10ms, warmup: 0s}
benchmarks:
  - workload/hash/*
  - workload/noop
YAML
measure() {  # SCALE LABEL
  BENCHCTL_TEST_SCALE=$1 "$build/benchctl" run "$out/workload.yaml" --db "$out/i.db" \
    --plugin-path "$plugins" --label "$2" --format json > /dev/null
}
for ((i = 1; i <= 21; i++)); do
  measure 1.0 "aa $i"
  echo "measure-instructions: A/A run $i/21" >&2
done
for ((i = 1; i <= 10; i++)); do
  measure 1.01 "plus one percent $i"
  echo "measure-instructions: +1% run $i/10" >&2
done

# The cost of the mode: callgrind alone on a plain Google Benchmark binary (gbench_calibration,
# the calibration plugin's functions without benchctl) against benchctl counting the same benchmark
# in a worker, executing as many iterations in all: N and 2N for each of its repetitions and for
# the unreported one first. Medians of three, in seconds.
median_of_three() { sort -n | sed -n 2p; }
bare_times=() bare_iterations=0
for ((i = 0; i < 3; i++)); do
  started=$(date +%s.%N)
  bare_iterations=$(valgrind --tool=callgrind --quiet --callgrind-out-file="$out/bare.out" \
    "$build/gbench_calibration" --benchmark_filter='^spin/1000$' --benchmark_min_time=2 \
    --benchmark_format=json 2> /dev/null | python3 -c \
    'import json,sys; print(sum(b["iterations"] for b in json.load(sys.stdin)["benchmarks"]))')
  bare_times+=("$(echo "$(date +%s.%N) - $started" | bc)")
done
repetitions=2
iterations=$((bare_iterations / (3 * (repetitions + 1))))
ours_times=()
for ((i = 0; i < 3; i++)); do
  started=$(date +%s.%N)
  setarch "$(uname -m)" --addr-no-randomize valgrind --tool=callgrind --quiet \
    --collect-atstart=no --dump-line=no --dump-instr=no --callgrind-out-file="$out/cg.out" \
    "$build/benchctl" worker run "$plugins/benchctl_calibration.so" calibration/spin/1000 \
    --repetitions $repetitions --iterations $iterations --callgrind-out "$out/cg.out" 3> /dev/null
  ours_times+=("$(echo "$(date +%s.%N) - $started" | bc)")
done
bare=$(printf '%s\n' "${bare_times[@]}" | median_of_three)
ours=$(printf '%s\n' "${ours_times[@]}" | median_of_three)
rm -f "$out"/cg.out* "$out"/bare.out*

python3 - "$build/benchctl" "$out" "$ours" "$bare" "$bare_iterations" $iterations $repetitions <<'PY'
import json, subprocess, sys
benchctl, out, ours, bare, bare_iterations, iterations, repetitions = sys.argv[1:]
db = out + "/i.db"
def compare(a, b):
    p = subprocess.run([benchctl, "compare", str(a), str(b), "--db", db, "--format", "json",
                        "--fail-on", "none"], capture_output=True, text=True, check=True)
    return json.loads(p.stdout)["benchmarks"]
aa, flagged, spread = 0, [], 0.0
for run in range(2, 22):
    for b in compare(run - 1, run):
        aa += 1
        spread = max(spread, abs(b["ratio"] - 1))
        if b["verdict"] not in ("no change", "inconclusive"):
            flagged.append((run, b["name"], b["verdict"], b["ratio"]))
print(f"A/A: {aa} comparisons of identical code in instructions, {len(flagged)} flagged; "
      f"largest difference between runs {100 * spread:.4f}%")
for f in flagged:
    print(f"  run {f[0]} {f[1]}: {f[2]} ({100 * (f[3] - 1):+.4f}%)")
caught = total = 0
changes = []
for k, run in enumerate(range(22, 32)):
    for b in compare(k + 1, run):
        if b["name"].startswith("workload/hash/"):
            total += 1
            caught += b["verdict"] in ("slower", "regression")
            changes.append(b["ratio"] - 1)
print(f"+1% work: caught (slower) in {caught} of {total} hash comparisons; instructions moved "
      f"{100 * min(changes):+.3f}% to {100 * max(changes):+.3f}%")
executed = (int(repetitions) + 1) * 3 * int(iterations)  # an unreported repetition, N and 2N
print(f"cost: callgrind alone on a plain Google Benchmark binary ran {bare_iterations} iterations "
      f"of calibration/spin/1000 in {float(bare):.2f} s; benchctl counting {repetitions} "
      f"repetitions of {iterations} iterations ({executed} executed) in {float(ours):.2f} s: "
      f"{float(ours) / float(bare):.2f}x")
PY
