#!/usr/bin/env bash
# The change-point experiment of issue 23, on a plugin the method was not developed on
# (ci/experiments/checksum: CRC-32 at four sizes and an empty loop, built out of tree).
#
#   ci/measure-history-steps.sh steps  [BUILD_DIR] [OUT_DIR] [TRIALS]  (default 10, ~1 min each)
#   ci/measure-history-steps.sh steady [BUILD_DIR] [OUT_DIR] [TRIALS]  (default 10, ~5 min each)
#   ci/measure-history-steps.sh analyse [BUILD_DIR] [OUT_DIR]          (seconds)
#
# steps: per trial, 20 nightly runs of 6 processes into a new database: nights 1-12 of the plugin
# as it is, nights 13-20 of a build checksumming 5% more bytes (a step in the four CRC benchmarks,
# not in the empty loop), night 6 of a build checksumming 15% more (one odd night). Expected of
# `benchctl history`: each CRC benchmark a slowdown at night 13 ± 1; the empty loop nothing of
# its own; no change point at the odd night. Moves of the machine (the calibration benchmarks
# moved the same way, cause "machine") are counted apart: they are shown, never alerted on.
# steady: per trial, 30 nights of one build with 24 CRC sizes, the empty loop and the calibration
# benchmark: every series steady. Expected: at most 1% of the series with a change point that is
# not the machine's.
# analyse counts both from the histories BUILD_DIR's benchctl finds in the stored runs (each
# trial's `history --format json`): the nights are measured once, the method can change.
set -euo pipefail
cd "$(dirname "$0")/.."
phase=${1:-analyse}
build=$(realpath "${2:-build/release}")
out=${3:-results/history-steps}
trials=${4:-10}
mkdir -p "$out"
out=$(realpath "$out")

# A copy of benchctl installed with its SDK, and the plugin built against it at each cost: a
# rebuild of the tree meanwhile changes nothing measured.
prepare() {
  [[ -x $build/benchctl ]] || { echo "measure-history-steps: build $build first" >&2; exit 2; }
  if [[ ! -x $out/prefix/bin/benchctl ]]; then
    cmake --install "$build" --prefix "$out/prefix" > /dev/null
  fi
  local variant
  for variant in "$@"; do  # COST:SIZES
    local dir="$out/checksum-${variant/:/-}"
    [[ -f $dir/benchctl_checksum.so ]] && continue
    cmake -S ci/experiments/checksum -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$out/prefix" -DCHECKSUM_COST="${variant%:*}" \
      -DCHECKSUM_SIZES="${variant#*:}" > /dev/null
    cmake --build "$dir" > /dev/null
  done
}

suite() {  # FILE NAME
  cat > "$1" << EOF
suite: $2
plugins: [checksum, calibration]
defaults: {processes: 6, repetitions: 2, min_time: 20ms, warmup: 10ms, timeout: 120s}
# CPU time: the nights share this machine with builds, which double real times for minutes.
policy: {time: cpu}
benchmarks:
  - checksum/*
  - calibration/*
EOF
}

night() {  # DB SUITE VARIANT NIGHT
  "$out/prefix/bin/benchctl" run "$2" --db "$1" --plugin-path "$out/checksum-$3" \
    --label "night $4" --commit "$(printf '%040x' "$4")" --format json > /dev/null 2>> "$out/log"
}

steps() {
  prepare 1.00:4 1.05:4 1.15:4
  suite "$out/steps.yaml" steps
  for ((trial = 1; trial <= trials; trial++)); do
    local db="$out/steps-$trial.db"
    rm -f "$db"*
    for night in $(seq 20); do
      local variant=1.00-4
      ((night == 6)) && variant=1.15-4
      ((night >= 13)) && variant=1.05-4
      night "$db" "$out/steps.yaml" "$variant" "$night"
    done
    echo "steps: trial $trial/$trials measured" >&2
  done
}

steady() {
  prepare 1.00:24
  suite "$out/steady.yaml" steady
  for ((trial = 1; trial <= trials; trial++)); do
    local db="$out/steady-$trial.db"
    rm -f "$db"*
    for night in $(seq 30); do
      night "$db" "$out/steady.yaml" 1.00-24 "$night"
    done
    echo "steady: trial $trial/$trials measured" >&2
  done
}

analyse() {
  local db
  rm -f "$out"/*.history.json  # a trial's database removed takes its history with it
  for db in "$out"/steps-*.db "$out"/steady-*.db; do
    [[ -f $db ]] || continue
    "$build/benchctl" history --db "$db" --format json > "${db%.db}.history.json"
  done
  python3 - "$out" << 'PY'
import glob, json, re, sys
out = sys.argv[1]

def night_of(history, run):
    runs = sorted(p["run"] for b in history["benchmarks"] for p in b["points"])
    return sorted(set(runs)).index(run) + 1

def describe(c):
    low, high = c["interval"]
    return (f"{100 * (c['ratio'] - 1):+.1f}% [{100 * (low - 1):+.1f}%, {100 * (high - 1):+.1f}%], "
            f"p {c['adjusted_p_value']:.2g}, {c['cause']}")

def trial_number(path):
    return int(re.search(r"-(\d+)\.history\.json$", path).group(1))

def complete(files, nights):
    # A trial still being measured (or stopped) is left out.
    kept = []
    for path in files:
        history = json.load(open(path))
        if len({p["run"] for b in history["benchmarks"] for p in b["points"]}) == nights:
            kept.append(path)
        else:
            print(f"{path}: not {nights} nights, left out")
    return kept

step_files = complete(sorted(glob.glob(f"{out}/steps-*.history.json"), key=trial_number), 20)
caught_trials = caught_series = crc_series = empty_reported = outlier_reported = misplaced = 0
machine_moves = 0
for path in step_files:
    history = json.load(open(path))
    trial = trial_number(path)
    caught_here = 0
    for b in history["benchmarks"]:
        for c in b["change_points"]:
            night = night_of(history, c["first_run"])
            where = f"steps trial {trial}: {b['name']} at night {night}: {describe(c)}"
            if b["name"].startswith("checksum/crc32") and 12 <= night <= 14 and c["ratio"] > 1:
                print(where)
            elif c["cause"] == "machine":
                machine_moves += 1
                print("the machine's (not a miss): " + where)
            elif b["name"].startswith("checksum/empty"):
                empty_reported += 1
                print("MISS (the empty loop did not change): " + where)
            elif 5 <= night <= 8:
                outlier_reported += 1
                print("MISS (the odd night): " + where)
            elif b["name"].startswith("checksum/crc32"):
                misplaced += 1
                print("MISS: " + where)
            else:
                print(where)  # the suite's common level: shown, not counted
        if b["name"].startswith("checksum/crc32"):
            crc_series += 1
            if any(12 <= night_of(history, c["first_run"]) <= 14 and c["ratio"] > 1
                   for c in b["change_points"]):
                caught_here += 1
    caught_series += caught_here
    caught_trials += caught_here == 4
if step_files:
    print(f"\nsteps: {len(step_files)} trials of 20 nights: all four CRC benchmarks changed at "
          f"night 13 ± 1 in {caught_trials}/{len(step_files)} trials ({caught_series}/{crc_series} "
          f"series); the empty loop reported {empty_reported} time(s); the odd night "
          f"{outlier_reported}; other change points of the CRC benchmarks {misplaced}; change "
          f"points of the machine (the calibration moved too) {machine_moves}")

steady_files = complete(sorted(glob.glob(f"{out}/steady-*.history.json"), key=trial_number), 30)
series = changed = machine = 0
for path in steady_files:
    history = json.load(open(path))
    trial = trial_number(path)
    for b in history["benchmarks"]:
        if b.get("common_level"):
            continue
        series += 1
        own = [c for c in b["change_points"] if c["cause"] != "machine"]
        changed += bool(own)
        machine += any(c["cause"] == "machine" for c in b["change_points"])
        for c in b["change_points"]:
            print(f"steady trial {trial}: {b['name']} at night "
                  f"{night_of(history, c['first_run'])}: {describe(c)}")
if steady_files:
    print(f"\nsteady: {len(steady_files)} trials of 30 nights, {series} series: {changed} with a "
          f"change point not the machine's ({100 * changed / max(series, 1):.1f}%), {machine} with "
          f"one of the machine's")
PY
}

case $phase in
  steps) steps ;;
  steady) steady ;;
  analyse) analyse ;;
  *) echo "measure-history-steps: unknown phase '$phase' (steps, steady or analyse)" >&2; exit 2 ;;
esac
