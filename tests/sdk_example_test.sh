#!/usr/bin/env bash
# Installs benchctl to a temporary prefix, builds sdk/example against it with nothing but
# find_package(benchctl CONFIG), and runs the example's benchmarks with the installed binary.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/sdk/example" -B "$work/example" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/example" >/dev/null

benchctl="$work/prefix/bin/benchctl"
listed=$("$benchctl" list benchmarks --plugin-path "$work/example" --plugin example)
expected=$'example/count_words/100\nexample/count_words/10000\nexample/index_lookup'
operations=$("$benchctl" list operations --plugin-path "$work/example" --plugin example)
[[ "$operations" == "example/lookup" ]] || { echo "unexpected operations: $operations" >&2; exit 1; }
if [[ "$listed" != "$expected" ]]; then
  echo "unexpected benchmarks: $listed" >&2
  exit 1
fi
# The installed tree finds its own plugins and helper too.
"$benchctl" list plugins | grep -q '^tools ' || { echo "installed benchctl does not find the tools plugin" >&2; exit 1; }

cat >"$work/example.yaml" <<'YAML'
suite: example
plugins: [example]
defaults: {processes: 2, repetitions: 1, min_time: 5ms, warmup: 0s}
benchmarks:
  - name: example/count_words/*
    budgets: {median: 10ms}
  - name: example/index_lookup
    budgets: {p99: 1ms}
  - name: startup/version
    command: ["${benchctl}", "--version"]
    runs: 2
  - name: lookups
    load: {operation: example/lookup, rate: 500/s, duration: 2s, threads: 2}
    budgets: {min_success_rate: 100%}
YAML
"$benchctl" run "$work/example.yaml" --plugin-path "$work/example" --db "$work/example.db" >"$work/out.txt"
grep -q '5 benchmarks, 5 ok, 0 failed' "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
grep -q 'p99 op ≤ 1.00 ms' "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
grep -q 'min_success_rate ≥ 100.0%.*inside' "$work/out.txt" || { cat "$work/out.txt" >&2; exit 1; }
echo "sdk example: built out of tree and measured by the installed benchctl"
