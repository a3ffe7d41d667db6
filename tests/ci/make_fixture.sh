#!/usr/bin/env bash
# A git repository for `benchctl ci`: a small plugin (a sum and a steady loop) and its suite on
# main; a branch `slower` whose one commit makes the sum 10% slower (10% more terms), a branch
# `same` whose commit changes a note only; main moves on by one more commit after both branched,
# so that their merge-base is main's first commit, not its tip.
#   make_fixture.sh DIR SDK_INCLUDE_DIR
# Writes DIR/repo; its build command is ./build.sh (leaves out/), and it appends the directory
# it built in to DIR/builds.log.
set -euo pipefail
dir=$1 sdk=$2
mkdir -p "$dir/repo/bench"
cd "$dir/repo"
git init -q -b main .
git config user.email ci@example.com
git config user.name "ci fixture"

write_plugin() {  # SUM_TERMS
  cat > fixture.cpp << CPP
#include <benchctl/plugin.h>

#include <cstdint>

namespace {

void BM_Sum(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (std::uint64_t i = 0; i < $1; ++i) {
      sum += i * i;
      benchmark::DoNotOptimize(sum);
    }
  }
}

void BM_Steady(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t x = 0;
    for (std::uint64_t i = 0; i < 5000; ++i) {
      x ^= i;
      benchmark::DoNotOptimize(x);
    }
  }
}

}  // namespace

BENCHCTL_PLUGIN("fixture", "1.0.0", "The ci fixture") {
  benchctl::add("sum", BM_Sum);
  benchctl::add("steady", BM_Steady);
}
CPP
}

echo out/ > .gitignore
cat > build.sh << SH
#!/bin/sh
set -e
echo "\$(pwd)" >> "$dir/builds.log"
mkdir -p out
g++ -std=c++17 -O2 -fPIC -shared -I "$sdk" fixture.cpp -o out/benchctl_fixture.so -lbenchmark
SH
chmod +x build.sh
# A change of 10% is a regression here (fail: 5%), not only "slower".
cat > bench/fixture.yaml << 'YAML'
suite: fixture
plugins: [fixture]
defaults: {processes: 3, repetitions: 2, min_time: 10ms, warmup: 5ms, timeout: 120s}
policy: {warn: 2%, fail: 5%}
benchmarks:
  - fixture/sum
  - fixture/steady
YAML
write_plugin 10000
echo "note 1" > NOTE
git add -A
git commit -q -m "the fixture"

git checkout -q -b slower
write_plugin 11000
git commit -q -am "sum: 10% more terms"

git checkout -q main
git checkout -q -b same
echo "note 2" > NOTE
git commit -q -am "a note"

git checkout -q main
echo "note 3" > NOTE
git commit -q -am "main moves on"
