#!/usr/bin/env bash
# Installs what is missing, checks formatting, builds with warnings as errors and runs every test;
# then the same tests under AddressSanitizer and UndefinedBehaviorSanitizer, but for those the asan
# test preset leaves to the ci one: the four longest end-to-end tests, which only repeat runs the
# others make (calibrate's ten runs, the stability of five, the phase suites, the nightly job), the
# HTML pages opened in Chromium (the browser's time; the pages' data is checked under the
# sanitizers by the report snapshots) and the SDK example built against an install; then the
# parsers' fuzz targets for a fixed number of executions each (ci/fuzz.sh runs them for minutes).
# The tests that need PostgreSQL get a throwaway cluster that ctest starts before them and stops
# after them, also when they fail (the `postgres` fixture, ci/postgres-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./ci/install-deps.sh
./ci/check-format.sh
cmake --workflow --preset ci
cmake --workflow --preset asan
cmake --workflow --preset fuzz
