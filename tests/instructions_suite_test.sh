#!/usr/bin/env bash
# suites/instructions.yaml counts every one of its 47 kernel and tools benchmarks under callgrind.
#   instructions_suite_test.sh BENCHCTL SOURCE_DIR
set -euo pipefail
benchctl=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One process each: that the counts repeat from process to process is the Instructions e2e tests'
# concern; here each benchmark must count at all, and under valgrind a second process doubled
# the CI's longest test.
sed 's/^\(  processes:\) [0-9]*/\1 1/' "$source_dir/suites/instructions.yaml" > "$work/instructions.yaml"
grep -q '^  processes: 1' "$work/instructions.yaml" || { echo "instructions_suite_test: no processes line to set" >&2; exit 1; }
"$benchctl" run "$work/instructions.yaml" --db "$work/i.db" --format json \
  > "$work/run.json" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
python3 - "$work/run.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["run"]["results"]
failed = [r["name"] for r in results if r["status"] != "ok"]
counted = [r for r in results if "instructions" in r]
assert not failed, f"failed: {failed}"
assert len(counted) == 47, f"{len(counted)} of {len(results)} counted"
print(f"{len(counted)} benchmarks counted")
PY
