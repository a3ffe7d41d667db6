#!/usr/bin/env bash
# Installs what is missing, checks formatting, builds with warnings as errors and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
./ci/install-deps.sh
./ci/check-format.sh
cmake --workflow --preset ci
