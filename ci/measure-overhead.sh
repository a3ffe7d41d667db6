#!/usr/bin/env bash
# Measures the same benchmark functions under benchctl and in a plain Google Benchmark binary,
# alternating rounds so that drift hits both, and prints the per-iteration ratio (target 1.00±0.02).
#   ci/measure-overhead.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq "$rounds"); do
  "$build/gbench_calibration" --benchmark_filter='^calibration/(empty|spin/1000)$' \
    --benchmark_repetitions=15 --benchmark_min_time=0.2 --benchmark_min_warmup_time=0.1 \
    --benchmark_format=json >"$work/plain-$round.json"
  "$build/benchctl" run suites/calibration.yaml --db "$work/benchctl.db" >/dev/null
done

python3 - "$work" <<'PY'
import glob, json, sqlite3, statistics, sys
work = sys.argv[1]
plain = {}
for path in glob.glob(f"{work}/plain-*.json"):
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "iteration":
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            plain.setdefault(b["name"], []).append(b["real_time"] * scale)
db = sqlite3.connect(f"{work}/benchctl.db")
under = {}
for name, real_ns, iterations in db.execute(
        "SELECT r.name, s.real_ns, s.iterations FROM samples s JOIN results r ON r.id = s.result_id"):
    under.setdefault(name, []).append(real_ns / iterations)
print(f"{'benchmark':24} {'plain GB (ns/iter)':>20} {'benchctl (ns/iter)':>20} {'ratio':>7}  n")
for name in sorted(plain):
    p, b = statistics.median(plain[name]), statistics.median(under[name])
    print(f"{name:24} {p:20.4g} {b:20.4g} {b / p:7.3f}  {len(plain[name])}/{len(under[name])}")
PY
