#!/usr/bin/env bash
# A git repository of 16 commits of a small plugin, for `benchctl bisect`: three benchmarks (a
# sum, a product, a steady loop); commit CULPRIT (2-16) makes the sum 3% slower (3% more
# additions); commit BROKEN (2-15, not CULPRIT) does not compile, and the next one repairs it.
# Every other commit changes a note only.
#   make_fixture.sh DIR CULPRIT BROKEN SDK_INCLUDE_DIR
# Writes DIR/repo, DIR/build.sh (the build command: ./build.sh, in a worktree, leaves out/) and
# DIR/fixture.yaml.
set -euo pipefail
dir=$1 culprit=$2 broken=$3 sdk=$4
source "$(cd "$(dirname "$0")" && pwd)/../support/fixture_plugin.sh"
mkdir -p "$dir/repo"
cd "$dir/repo"
git init -q .
git config user.email bisect@example.com
git config user.name "bisect fixture"

write_fixture_build "$sdk"
cp build.sh "$dir/build.sh"
cat > "$dir/fixture.yaml" << 'YAML'
suite: fixture
plugins: [fixture]
defaults: {processes: 2, repetitions: 2, min_time: 10ms, warmup: 5ms, timeout: 120s}
benchmarks:
  - fixture/*
YAML

count=10000
for commit in $(seq 16); do
  ((commit == culprit)) && count=10300
  write_fixture_plugin "$count" "$((commit == broken ? 1 : 0))"
  echo "note $commit" > NOTE
  subject="note $commit"
  ((commit == culprit)) && subject="sum: 300 more terms"
  ((commit == broken)) && subject="half a refactoring (does not build)"
  ((commit == broken + 1)) && subject="finish the refactoring"
  git add -A
  git commit -q -m "$subject"
done
