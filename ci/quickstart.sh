#!/usr/bin/env bash
# Installs what is missing, builds benchctl and measures the tools suite into results/benchctl.db.
set -euo pipefail
cd "$(dirname "$0")/.."
./ci/install-deps.sh
cmake --workflow --preset release
exec build/release/benchctl run suites/tools.yaml "$@"
