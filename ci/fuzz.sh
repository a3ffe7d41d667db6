#!/usr/bin/env bash
# Runs each fuzz target of the parsers (tests/fuzz) for SECONDS (default 300) from the seed corpus
# and whatever earlier runs found, and stops at the first finding (a crash, a hang, a leak, or an
# exception other than InputError), leaving the input that caused it in the build tree.
#   ci/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
./ci/install-deps.sh
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
build=build/fuzz
"$build/fuzz_suite_parser" -max_total_time="$seconds" -timeout=10 -max_len=4096 \
  -artifact_prefix="$build/" "$build/tests/fuzz/corpus/suite_parser" suites tests/fuzz/corpus/suite
"$build/fuzz_gbench_import" -max_total_time="$seconds" -timeout=10 -max_len=8192 \
  -artifact_prefix="$build/" "$build/tests/fuzz/corpus/gbench_import" tests/fuzz/corpus/gbench
