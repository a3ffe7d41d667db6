#!/usr/bin/env bash
# The HTML report of a large comparison: 1,000 benchmarks of 10 processes a side (imported Google
# Benchmark outputs, 3% of them 10% slower), its size, and how long headless Chromium takes from
# navigation to a drawn page (the page's own data-ready-ms: tables, forest plot and the first 40
# plots), opened five times.
#
#   ci/measure-html.sh [BUILD_DIR] [OUT_DIR]        (about a minute)
#
# Targets (issue 13): the file at most 5 MB, ready in at most 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=${2:-results/html-experiment}
benchmarks=${HTML_BENCHMARKS:-1000}
[[ -x $build/benchctl ]] || { echo "measure-html: build benchctl in $build first" >&2; exit 2; }
[[ -x /usr/bin/chromium ]] || { echo "measure-html: chromium missing: ci/install-deps.sh" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
out=$(realpath "$out")

python3 - "$out" "$benchmarks" <<'PY'
import json, os, random, sys
out, count = sys.argv[1], int(sys.argv[2])
random.seed(13)
for side in ("before", "after"):
    for process in range(10):
        rows = []
        for i in range(count):
            base = 1e3 * (1 + i % 97)
            slower = 1.10 if side == "after" and i % 33 == 0 else 1.0
            time = base * slower * random.lognormvariate(0, 0.02)
            rows.append({"name": f"large/bench/{i:04d}", "run_name": f"large/bench/{i:04d}",
                         "run_type": "iteration", "iterations": 1000,
                         "real_time": time, "cpu_time": time, "time_unit": "ns"})
        doc = {"context": {"date": "2026-11-26T10:00:00+00:00", "host_name": "html-measure",
                           "num_cpus": 2, "library_build_type": "release"}, "benchmarks": rows}
        with open(os.path.join(out, f"{side}-{process}.json"), "w") as f:
            json.dump(doc, f)
PY

"$build/benchctl" import "$out"/before-*.json --suite large --db "$out/large.db" > /dev/null
"$build/benchctl" import "$out"/after-*.json --suite large --db "$out/large.db" > /dev/null
started=$(date +%s%N)
"$build/benchctl" compare 1 2 --db "$out/large.db" --format html --output "$out/compare.html" \
  --fail-on none
written_ms=$(( ($(date +%s%N) - started) / 1000000 ))
bytes=$(stat -c %s "$out/compare.html")

ready=()
for attempt in 1 2 3 4 5; do
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$out/profile" --window-size=1280,2400 --dump-dom "file://$out/compare.html" \
    > "$out/dom.html" 2> "$out/chromium.log"
  status=$(grep -o 'data-status="[a-z]*"' "$out/dom.html" | head -n 1)
  [[ $status == 'data-status="ready"' ]] || { echo "measure-html: page not ready ($status)" >&2; exit 1; }
  ready+=("$(grep -o 'data-ready-ms="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*')")
done
plots=$(grep -o 'data-plots="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*')
expected=$(grep -o 'data-plots-expected="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*')
sorted=$(printf '%s\n' "${ready[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${ready[@]}" | sort -n | sed -n 3p)
echo "measure-html: $benchmarks benchmarks: file $((bytes / 1024)) KiB (limit 5120), written in" \
  "${written_ms} ms; ready in Chromium after ${median} ms median (limit 2000; all: ${sorted% }ms);" \
  "$plots of $expected plots drawn at once, the rest as they scroll into view"
