#!/usr/bin/env bash
# The change-point experiment of the nightly history: 30 "nights" (short runs, back to back) of a
# suite holding scaled/work, whose cost BENCHCTL_TEST_SCALE sets, scaled/steady, which nothing
# changes, and the calibration benchmark. scaled/work is 15% slower on night 10 only (a lone
# outlier) and 5% slower from night 20 on (a step). Expected of `benchctl history`: the step found
# at night 20 ± 1, slower by about 5%; nothing at night 10; no change point of scaled/steady
# that is not the machine's.
#   ci/measure-changepoints.sh BUILD_DIR OUT_DIR [TRIALS]
# BUILD_DIR: a build with the test plugins (build/ci); OUT_DIR: a fresh directory for the
# databases and the histories. TRIALS (default 1) repeats the 30 nights on new databases.
set -euo pipefail
build=$(cd "$1" && pwd)
out=$2
trials=${3:-1}
mkdir -p "$out"
out=$(cd "$out" && pwd)
benchctl="$build/benchctl"
plugins="$build/test-plugins/scaled"
[[ -x "$benchctl" && -f "$plugins/benchctl_scaled.so" ]] ||
  { echo "measure-changepoints: $build lacks benchctl or the scaled test plugin" >&2; exit 2; }

cat > "$out/nightly.yaml" << 'EOF'
suite: changepoints
plugins: [scaled, calibration]
defaults: {processes: 6, repetitions: 2, min_time: 20ms, warmup: 10ms}
policy: {time: cpu}
benchmarks:
  - name: scaled/*
  - name: calibration/spin/1000
EOF

scale_of() {  # NIGHT (1-based)
  if (($1 == 10)); then echo 1.15
  elif (($1 >= 20)); then echo 1.05
  else echo 1.0
  fi
}

for trial in $(seq "$trials"); do
  db="$out/trial-$trial.db"
  rm -f "$db"*
  for night in $(seq 30); do
    BENCHCTL_TEST_SCALE=$(scale_of "$night") "$benchctl" run "$out/nightly.yaml" --db "$db" \
      --plugin-path "$plugins" --label "night $night" --format json > /dev/null 2>> "$out/log"
  done
  "$benchctl" history --db "$db" --format json > "$out/trial-$trial.history.json"
  "$benchctl" history --db "$db" > "$out/trial-$trial.history.txt"
  echo "trial $trial done" >&2
done

python3 - "$out" "$trials" << 'PY'
import json, sys
out, trials = sys.argv[1], int(sys.argv[2])
found = misplaced = outlier = steady_own = steady_machine = 0
sizes = []
for trial in range(1, trials + 1):
    history = json.load(open(f"{out}/trial-{trial}.history.json"))
    by_name = {b["name"]: b for b in history["benchmarks"]}
    first = by_name["scaled/work"]["points"][0]["run"]
    for c in by_name["scaled/work"]["change_points"]:
        night = c["first_run"] - first + 1
        if 19 <= night <= 21 and c["ratio"] > 1:
            found += 1
            sizes.append(c["ratio"])
            print(f"trial {trial}: step at night {night}, {100 * (c['ratio'] - 1):+.1f}% "
                  f"[{100 * (c['interval'][0] - 1):+.1f}%, {100 * (c['interval'][1] - 1):+.1f}%], "
                  f"p {c['adjusted_p_value']:.2g}, cause {c['cause']}")
        elif 9 <= night <= 11:
            outlier += 1
            print(f"trial {trial}: MISS: the outlier night reported: {c}")
        else:
            misplaced += 1
            print(f"trial {trial}: MISS: scaled/work change at night {night}: "
                  f"{100 * (c['ratio'] - 1):+.1f}%, cause {c['cause']}")
    for c in by_name["scaled/steady"]["change_points"]:
        night = c["first_run"] - first + 1
        if c["cause"] == "machine":
            steady_machine += 1
            print(f"trial {trial}: scaled/steady moved with the machine at night {night}: "
                  f"{100 * (c['ratio'] - 1):+.1f}%")
        else:
            steady_own += 1
            print(f"trial {trial}: MISS: scaled/steady change at night {night}: "
                  f"{100 * (c['ratio'] - 1):+.1f}%, cause {c['cause']}")
print(f"\n{trials} trial(s) of 30 nights: step found at night 20 ± 1 in {found}/{trials}"
      + (f" (sizes {', '.join(f'{100 * (s - 1):+.1f}%' for s in sizes)})" if sizes else "")
      + f"; outlier night reported {outlier}; other scaled/work change points {misplaced}; "
      f"scaled/steady change points not the machine's {steady_own}, the machine's {steady_machine}")
PY
