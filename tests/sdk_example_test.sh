#!/usr/bin/env bash
# Installs benchctl, builds sdk/example against it with nothing but find_package(benchctl CONFIG),
# and runs the example's benchmarks with the installed binary.
#   sdk_example_test.sh BUILD_DIR SOURCE_DIR [install|deb]
# install (default): cmake --install to a temporary prefix. deb: the Debian package cpack makes,
# checked installable by apt on this machine (its dependencies resolve), installed by dpkg into an
# empty root, with its man page.
set -euo pipefail
build_dir=$1
source_dir=$2
how=${3:-install}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

case $how in
  install)
    cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
    prefix=$work/prefix
    ;;
  deb)
    cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/package" > "$work/cpack.log" \
      || fail "cpack: $(tail -5 "$work/cpack.log")"
    deb=$(echo "$work"/package/benchctl_*.deb)
    [[ -f $deb ]] || fail "cpack made no .deb: $(ls "$work/package")"
    apt-get install --simulate --no-install-recommends "$deb" > "$work/apt.log" 2>&1 \
      || fail "apt cannot install $deb: $(tail -3 "$work/apt.log")"
    grep -q '^Inst benchctl \|^benchctl is already' "$work/apt.log" || fail "$(cat "$work/apt.log")"
    # An empty root: only dpkg's own database, so nothing but the package is there.
    root=$work/root
    mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
    touch "$root/var/lib/dpkg/status"
    dpkg --root="$root" --force-depends --force-not-root -i "$deb" > "$work/dpkg.log" 2>&1 \
      || fail "dpkg: $(tail -3 "$work/dpkg.log")"
    [[ $(dpkg --root="$root" -s benchctl | grep '^Status') == "Status: install ok installed" ]] \
      || fail "not installed: $(dpkg --root="$root" -s benchctl)"
    prefix=$root/usr
    page=$prefix/share/man/man1/benchctl.1
    [[ -f $page ]] || fail "no man page"
    for verb in run compare ci bisect; do
      grep -q "^\.SS $verb\$" "$page" || fail "the man page lacks $verb"
    done
    if command -v man > /dev/null; then
      MANWIDTH=100 man -l "$page" 2> "$work/man.err" | grep -q 'benchctl - plugin-based' \
        || fail "man: $(cat "$work/man.err")"
    fi
    ;;
  *) fail "expected install or deb, not $how" ;;
esac
cmake -S "$source_dir/sdk/example" -B "$work/example" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/example" >/dev/null

benchctl="$prefix/bin/benchctl"
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
echo "sdk example: built out of tree and measured by the benchctl installed by $how"
