#!/usr/bin/env bash
# Installs every Debian 12 package benchctl needs to build, run its plugins and pass its tests.
# Idempotent: prints nothing and touches nothing when everything is already there.
set -euo pipefail

packages=(
  # toolchain (clang and its runtimes for the fuzz targets)
  g++ cmake ninja-build git pkg-config clang-format clang libclang-rt-14-dev
  # host
  libboost-dev libboost-filesystem-dev libboost-program-options-dev
  libyaml-cpp-dev libbenchmark-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libfmt-dev
  # plugins
  libssl-dev libhnswlib-dev duktape-dev libkainjow-mustache-dev
  # the nightly job (flock is util-linux), and tests and instruction counting
  jq systemd
  # the HTML report (Chart.js, embedded at build time) and the browser its tests open it in
  libjs-chart.js chromium
  # the PostgreSQL store (a fleet's database) and the server its tests start
  libpqxx-dev postgresql
  # the cluster engine `benchctl submit --slurm` hands sharded suites to, and its authentication
  slurm-wlm munge
  libgtest-dev libgmock-dev valgrind util-linux python3 python3-scipy python3-numpy
  python3-yaml python3-jsonschema
  # Google Benchmark's compare.py, which ci/measure-geomean.sh checks the geometric mean against
  libbenchmark-tools
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
