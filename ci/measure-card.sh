#!/usr/bin/env bash
# The card's workflow on one commit, as a user runs it: a phase-10 baseline, a phase-13 run of the
# same build, and `compare phase10-final` with its default settling by pairs of the two stored
# builds. Prints each step's time, how many phase-10 benchmarks each verdict got (the pairs' where
# they measured), and the exit code.
#
#   ci/measure-card.sh [BUILD_DIR] [OUT_DIR]     (about 25 minutes on the project's 2-core VM)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=${2:-results/card-experiment}
[[ -x $build/benchctl ]] || { echo "measure-card: build benchctl in $build first" >&2; exit 2; }
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/card.db*
export BENCHCTL_CACHE_DIR=$out/cache
db=$out/card.db

timed() {  # NAME COMMAND...
  local name=$1 started=$SECONDS status=0
  shift
  "$@" || status=$?
  echo "$name: $((SECONDS - started)) s, exit $status" >&2
  return 0
}
timed "run phase10 --save-baseline" "$build/benchctl" run suites/phase10.yaml --db "$db" \
  --save-baseline phase10-final --format json --output "$out/phase10.json"
timed "run phase13" "$build/benchctl" run suites/phase13.yaml --db "$db" --format json \
  --output "$out/phase13.json"
started=$SECONDS
status=0
"$build/benchctl" compare phase10-final --db "$db" --format json --output "$out/compare.json" \
  || status=$?
echo "compare phase10-final: $((SECONDS - started)) s, exit $status" >&2
python3 - "$out/compare.json" <<'PY'
import json, sys
comparison = json.load(open(sys.argv[1]))
verdicts, stored, flagged = {}, {}, []
for b in comparison["benchmarks"]:
    if b["standing"] != "compared":
        continue
    final = b.get("paired", {}).get("verdict", b["verdict"])
    verdicts[final] = verdicts.get(final, 0) + 1
    stored[b["verdict"]] = stored.get(b["verdict"], 0) + 1
    if final not in ("no change", "inconclusive"):
        flagged.append(f'{b["name"]}: {final}')
total = sum(verdicts.values())
settlement = comparison.get("settlement", {})
print(f"phase-10 benchmarks compared: {total}")
print("  stored comparison: " + ", ".join(f"{k} {v}" for k, v in sorted(stored.items())))
print("  final (pairs where measured): " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
print(f"  no change: {verdicts.get('no change', 0)} of {total} = "
      f"{100 * verdicts.get('no change', 0) / max(total, 1):.0f}%; flagged: {len(flagged)}")
for f in flagged:
    print("    " + f)
if settlement:
    print(f"  settled by pairs: {settlement['benchmarks']} benchmarks, {settlement['pairs']} pairs, "
          f"{settlement['seconds']:.0f} s of measuring")
PY
