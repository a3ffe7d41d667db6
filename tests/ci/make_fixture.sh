#!/usr/bin/env bash
# A git repository for `benchctl ci`: the fixtures' small plugin (tests/support/fixture_plugin.sh)
# and a suite of its sum and steady loop on main; a branch `slower` whose one commit makes the sum
# 30% slower (30% more terms), a branch `same` whose commit changes a note only; main moves on by
# one more commit after both branched, so that their merge-base is main's first commit, not its
# tip.
#   make_fixture.sh DIR SDK_INCLUDE_DIR
# Writes DIR/repo; its build command is ./build.sh (leaves out/), and it appends the directory
# it built in to DIR/builds.log.
set -euo pipefail
dir=$1 sdk=$2
source "$(cd "$(dirname "$0")" && pwd)/../support/fixture_plugin.sh"
mkdir -p "$dir/repo/bench"
cd "$dir/repo"
git init -q -b main .
git config user.email ci@example.com
git config user.name "ci fixture"

write_fixture_build "$sdk" "$dir/builds.log"
# A change of 30% is a regression here (fail: 5%), not only "slower", also on a busy machine:
# with 10% the pairs measured +3.8% once while a test ran beside them.
cat > bench/fixture.yaml << 'YAML'
suite: fixture
plugins: [fixture]
defaults: {processes: 3, repetitions: 2, min_time: 10ms, warmup: 5ms, timeout: 120s}
policy: {warn: 2%, fail: 5%}
benchmarks:
  - fixture/sum
  - fixture/steady
YAML
write_fixture_plugin 10000
echo "note 1" > NOTE
git add -A
git commit -q -m "the fixture"

git checkout -q -b slower
write_fixture_plugin 13000
git commit -q -am "sum: 10% more terms"

git checkout -q main
git checkout -q -b same
echo "note 2" > NOTE
git commit -q -am "a note"

git checkout -q main
echo "note 3" > NOTE
git commit -q -am "main moves on"
