# Sourced by the git fixtures of bisect and ci (tests/bisect, tests/ci): the small plugin their
# commits change and the build command that builds it in a checkout.

# fixture.cpp in the current directory: a sum of TERMS squares, a product and a steady loop;
# with BROKEN 1, a line that does not compile.
write_fixture_plugin() {  # TERMS [BROKEN]
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

void BM_Product(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t product = 1;
    for (std::uint64_t i = 1; i < 20000; ++i) {
      product *= i | 1;
      benchmark::DoNotOptimize(product);
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
$( ((${2:-0})) && echo "this does not compile" )
BENCHCTL_PLUGIN("fixture", "1.0.0", "A git fixture's plugin") {
  benchctl::add("sum", BM_Sum);
  benchctl::add("product", BM_Product);
  benchctl::add("steady", BM_Steady);
}
CPP
}

# build.sh in the current directory (ignoring out/, where it leaves the plugin), built against
# the SDK's headers at SDK_INCLUDE_DIR; with LOG, each build appends its directory to LOG.
write_fixture_build() {  # SDK_INCLUDE_DIR [LOG]
  echo out/ > .gitignore
  {
    echo '#!/bin/sh'
    echo 'set -e'
    [[ -n ${2:-} ]] && echo "echo \"\$(pwd)\" >> \"$2\""
    echo 'mkdir -p out'
    echo "g++ -std=c++17 -O2 -fPIC -shared -I \"$1\" fixture.cpp -o out/benchctl_fixture.so -lbenchmark"
  } > build.sh
  chmod +x build.sh
}
