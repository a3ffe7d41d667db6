#!/usr/bin/env bash
# Differential profiles (benchctl profile --against), on the profiled test plugin: its build
# profiled-extra calls one more function, checksum<script>, costing some 5% of the loop.
#   trials: TRIALS times each tool (callgrind, perf) profiles profiled/loop of profiled-extra
#           against profiled: how often that function is first among where B spends more, and
#           the cost each profile saw added.
#   identical: TRIALS times profiled against itself with perf (callgrind counts exactly): the
#           largest added self cost any function shows, as a share of the loop: the noise a
#           "top function" has to clear.
#   ci/measure-profile.sh [BUILD_DIR] [OUT_DIR] [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/ci}")
out=${2:-results/profile-experiment}
trials=${3:-10}
benchctl="$build/benchctl"
plugins="$build/test-plugins"
mkdir -p "$out"
rm -f "$out"/*.db "$out"/*.json
cat > "$out/profiled.yaml" << 'YAML'
suite: profiled
plugins: [profiled]
benchmarks: [profiled/loop]
YAML
profile() {  # TOOL B A OUT
  "$benchctl" profile "$out/profiled.yaml" --db "$out/profiles.db" --with "$1" \
    --plugin-path "$plugins/$2" --against "$plugins/$3" --format json > "$4"
}
for trial in $(seq "$trials"); do
  for tool in callgrind perf; do
    profile "$tool" profiled-extra profiled "$out/$tool-$trial.json"
  done
  profile perf profiled profiled "$out/identical-$trial.json"
done
python3 - "$out" "$trials" << 'PY'
import json, statistics, sys
out, trials = sys.argv[1], int(sys.argv[2])
def load(name):
    return json.load(open(f"{out}/{name}.json"))["profiles"][0]
for tool in ("callgrind", "perf"):
    firsts, added, second = 0, [], []
    for trial in range(1, trials + 1):
        p = load(f"{tool}-{trial}")
        changes = p["changes"]
        top = changes[0]["function"] if changes else "(none)"
        firsts += "checksum<script>" in top
        extra = next((c for c in changes if "checksum<script>" in c["function"]), None)
        if extra:
            added.append((extra["self_b"] - extra["self_a"]) / p["against"]["per_iteration"])
        if len(changes) > 1:
            second.append((changes[1]["self_b"] - changes[1]["self_a"]) / p["against"]["per_iteration"])
    print(f"{tool}: checksum<script> first in {firsts} of {trials} trials; "
          f"its added cost {100 * statistics.median(added):.2f}% of the loop (median; "
          f"{100 * min(added):.2f} to {100 * max(added):.2f}); the runner-up "
          f"{100 * statistics.median(second) if second else 0:.2f}% (median)")
largest = []
for trial in range(1, trials + 1):
    p = load(f"identical-{trial}")
    changes = p["changes"]
    largest.append(max(((c["self_b"] - c["self_a"]) / p["against"]["per_iteration"] for c in changes), default=0))
print(f"perf, identical builds: largest added self cost {100 * statistics.median(largest):.2f}% of the loop "
      f"(median; {100 * min(largest):.2f} to {100 * max(largest):.2f})")
PY
