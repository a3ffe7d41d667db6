#!/usr/bin/env bash
# The open-loop load driver with a no-op operation (the self plugin's), one sending thread, at
# rising rates: the rate achieved, the requests started more than 1 ms late, those never sent,
# and how late requests started (p99 of actual − intended start). The highest rate it sustains is
# the last one achieved with no late or dropped request. Each rate runs ROUNDS times, 5 s each.
#   ci/measure-load-driver.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rates=(100K 200K 500K 1M 1.5M 2M 3M 4M)
{
  echo "suite: load-driver"
  echo "plugins: [self]"
  echo "benchmarks:"
  for rate in "${rates[@]}"; do
    echo "  - name: noop/$rate"
    echo "    load: {operation: self/noop, rate: $rate/s, duration: 5s, warmup: 1s}"
  done
} >"$work/ladder.yaml"
for round in $(seq "$rounds"); do
  "$build/benchctl" run "$work/ladder.yaml" --db "$work/ladder.db" --plugin-path "$build/plugins" \
    --format json --fail-on failure >"$work/round-$round.json" 2>>"$work/log"
done

python3 - "$work" "$rounds" <<'PY'
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for r in range(1, rounds + 1):
    for result in json.load(open(f"{work}/round-{r}.json"))["run"]["results"]:
        rows.setdefault(result["name"], []).append(result["load"])
print(f"{'rate':>10} {'achieved/s':>12} {'late %':>8} {'dropped':>9} {'start p99':>10} {'p99':>10}   (per round)")
for name, loads in rows.items():
    for load in loads:
        target = load["scenario"]["rate"]
        achieved = load["achieved_rate"]["value"] if load["achieved_rate"] else 0
        late = 100 * load["late"] / max(load["intended"], 1)
        start = load["schedule_error_p99"] or 0
        p99 = load["p99"]["value"] if load["p99"] else 0
        print(f"{target:>10.0f} {achieved:>12.0f} {late:>8.3f} {load['dropped']:>9} "
              f"{start * 1e6:>8.1f}us {p99 * 1e6:>8.1f}us")
PY
