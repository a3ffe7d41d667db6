#!/usr/bin/env bash
# The verdict experiments: how often identical code is flagged (A/A) and how often a slowdown is
# caught.
#
#   ci/measure-verdicts.sh collect [BUILD_DIR] [OUT_DIR]   measure (about 35 minutes)
#   ci/measure-verdicts.sh analyse [BUILD_DIR] [OUT_DIR]   compare and count (seconds)
#   ci/measure-verdicts.sh all     [BUILD_DIR] [OUT_DIR]
#   ci/measure-verdicts.sh decisive [BUILD_DIR] [OUT_DIR]  the stored comparison and its settling
#                                                          by pairs (about two hours)
#   ci/measure-verdicts.sh affinity [BUILD_DIR] [OUT_DIR]  the run-to-run CV and the A/A rate with
#                                                          and without pinned workers (~30 min)
#
# collect/analyse: on the workload test plugin (hashing n words; BENCHCTL_TEST_SCALE scales the
# work), stored comparisons only, with the default policy.
#
# collect: 61 runs of identical code into aa.db; then, for each injected slowdown (+2%, +5%,
# +10%), 10 pairs: a copy of aa.db (the machine's history) plus a run of the original and a run of
# the slowed-down code. analyse: each A/A run compared with the one before it (60 × 5 = 300
# comparisons), each compared with the first run (300 more, the baseline further back each time),
# and each pair's two runs (40 hash comparisons per slowdown, 10 no-op A/A ones).
set -euo pipefail
cd "$(dirname "$0")/.."
phase=${1:-all}
build=${2:-build/release}
out=${3:-results/verdict-experiment}
benchctl="$(realpath "$build")/benchctl"
plugins="$(realpath "$build")/test-plugins/workload"
runs=${VERDICT_AA_RUNS:-61}
pairs=${VERDICT_PAIRS:-10}
scales=${VERDICT_SCALES:-"1.02 1.05 1.10"}
[[ -x $benchctl && -f $plugins/benchctl_workload.so ]] || {
  echo "measure-verdicts: build benchctl and its test plugins in $build first" >&2
  exit 2
}
mkdir -p "$out"
out=$(realpath "$out")

suite=$out/workload.yaml
cat > "$suite" <<'YAML'
suite: workload
plugins: [workload]
defaults: {processes: 10, repetitions: 2, min_time: 50ms, warmup: 50ms, timeout: 120s}
benchmarks:
  - workload/hash/*
  - workload/noop
YAML

# Measures with a copy of the binary and plugin, so that a rebuild meanwhile changes nothing.
measure() {  # DB SCALE LABEL [RUN_OPTION...]
  BENCHCTL_TEST_SCALE=$2 "$out/bin/benchctl" run "$suite" --db "$1" --plugin-path "$out/bin" \
    --label "$3" --format json "${@:4}" > /dev/null
}

copy_binaries() {
  rm -rf "$out/bin"
  mkdir -p "$out/bin"
  cp "$benchctl" "$(dirname "$benchctl")"/{benchctl-rusage,benchctl-worker.so} \
    "$plugins/benchctl_workload.so" "$out/bin/"
}

collect() {
  rm -rf "$out"/aa.db* "$out"/pairs
  copy_binaries
  for ((i = 1; i <= runs; i++)); do
    measure "$out/aa.db" 1.0 "aa $i"
    echo "collect: A/A run $i/$runs" >&2
  done
  mkdir -p "$out/pairs"
  for scale in $scales; do
    for ((i = 1; i <= pairs; i++)); do
      db=$out/pairs/$scale-$i.db
      sqlite3 "$out/aa.db" ".backup '$db'"
      measure "$db" 1.0 "before"
      measure "$db" "$scale" "after x$scale"
      echo "collect: pair $i/$pairs at x$scale" >&2
    done
  done
}

analyse() {
  python3 - "$benchctl" "$out" "$scales" <<'PY'
import json, subprocess, sys, glob, os, statistics
benchctl, out, scales = sys.argv[1], sys.argv[2], sys.argv[3].split()

def compare(db, before, after):
    p = subprocess.run([benchctl, "compare", str(before), str(after), "--db", db, "--format", "json",
                        "--fail-on", "none"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"compare {before} {after} in {db} failed: {p.stderr.strip()}")
    return json.loads(p.stdout)

def latest_two(db):
    p = subprocess.run([benchctl, "runs", "--db", db, "--limit", "2"], capture_output=True, text=True)
    ids = [int(line.split()[0]) for line in p.stdout.splitlines()[2:]]
    return ids[1], ids[0]

quiet = {"no change", "inconclusive"}
settled = {"inconclusive", "slower", "regression"}  # what --resolve auto measures again for a gate
aa_db = os.path.join(out, "aa.db")
p = subprocess.run([benchctl, "runs", "--db", aa_db, "--limit", "100000"], capture_output=True, text=True)
ids = sorted(int(line.split()[0]) for line in p.stdout.splitlines()[2:])
def aa(pairs, title):
    verdicts, flagged, widths = {}, [], []
    for before, after in pairs:
        for b in compare(aa_db, before, after)["benchmarks"]:
            if b["standing"] != "compared":
                continue
            verdicts[b["verdict"]] = verdicts.get(b["verdict"], 0) + 1
            if b["verdict"] not in quiet:
                flagged.append((before, after, b["name"], b["verdict"], b["ratio"]))
            widths.append(b["interval"][1] - b["interval"][0])
    total = sum(verdicts.values())
    print(f"A/A, {title}: {total} comparisons")
    print(f"  flagged (a verdict other than no change / inconclusive): {len(flagged)} of {total} = {100 * len(flagged) / max(total, 1):.1f}%")
    print("  verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    print(f"  median interval width: {100 * statistics.median(widths):.1f} points")
    for f in flagged:
        print(f"    runs {f[0]} → {f[1]} {f[2]}: {f[3]} ({100 * (f[4] - 1):+.1f}%)")

aa(list(zip(ids, ids[1:])), f"{len(ids)} runs of identical code, each compared with the one before")
aa([(ids[0], later) for later in ids[1:]], "every run compared with the first (a baseline that ages)")

for scale in scales:
    caught, total, aa_total, aa_flagged, verdicts = 0, 0, 0, 0, {}
    for db in sorted(glob.glob(os.path.join(out, "pairs", f"{scale}-*.db"))):
        before, after = latest_two(db)
        for b in compare(db, before, after)["benchmarks"]:
            if b["standing"] != "compared":
                continue
            if b["name"].startswith("workload/hash/"):
                total += 1
                verdicts[b["verdict"]] = verdicts.get(b["verdict"], 0) + 1
                caught += b["verdict"] in ("slower", "regression")
            else:
                aa_total += 1
                aa_flagged += b["verdict"] not in quiet
    change = 100 * (float(scale) - 1)
    print(f"+{change:.0f}%: caught (slower or regression) in {caught} of {total} hash comparisons; "
          + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items()))
          + f"; the no-op (unchanged) flagged in {aa_flagged} of {aa_total}")
PY
}

# affinity (issue 25): AFFINITY_RUNS (31) rounds, each a run of identical code with its workers
# free into free.db and one with --affinity AFFINITY_CPUS (default: the last CPU; benchctl moves to
# the others) into pinned.db, in alternating order, so that both see the same machine. Then, for
# each: every benchmark's coefficient of variation of its run medians, and the A/A rate (each run
# compared with the one before).
affinity_experiment() {
  local rounds=${AFFINITY_RUNS:-31} cpus=${AFFINITY_CPUS:-$(($(nproc) - 1))}
  if [[ ${AFFINITY_PHASE:-all} != analyse ]]; then
    rm -f "$out"/free.db* "$out"/pinned.db*
    copy_binaries
    for ((i = 1; i <= rounds; i++)); do
      if ((i % 2)); then
        measure "$out/free.db" 1.0 "free $i"
        measure "$out/pinned.db" 1.0 "pinned $i" --affinity "$cpus"
      else
        measure "$out/pinned.db" 1.0 "pinned $i" --affinity "$cpus"
        measure "$out/free.db" 1.0 "free $i"
      fi
      echo "affinity: round $i/$rounds" >&2
    done
  fi
  python3 - "$benchctl" "$out" "$cpus" <<'PY'
import json, statistics, subprocess, sys
benchctl, out, cpus = sys.argv[1], sys.argv[2], sys.argv[3]
quiet = {"no change", "inconclusive"}

def run(*args):
    p = subprocess.run([benchctl, *args], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"benchctl {' '.join(args)} failed: {p.stderr.strip()}")
    return p.stdout

for name in ("free", "pinned"):
    db = f"{out}/{name}.db"
    history = json.loads(run("history", "--db", db, "--format", "json"))
    cvs = []
    for b in history["benchmarks"]:
        if b.get("common_level") or b["name"].startswith("calibration/"):
            continue
        medians = [p["median"] for p in b["points"]]
        cvs.append((b["name"], statistics.stdev(medians) / statistics.mean(medians)))
    ids = sorted(int(line.split()[0]) for line in run("runs", "--db", db, "--limit", "100000").splitlines()[2:])
    verdicts, flagged = {}, 0
    for before, after in zip(ids, ids[1:]):
        for b in json.loads(run("compare", str(before), str(after), "--db", db, "--format", "json",
                                "--fail-on", "none"))["benchmarks"]:
            if b["standing"] != "compared":
                continue
            verdicts[b["verdict"]] = verdicts.get(b["verdict"], 0) + 1
            flagged += b["verdict"] not in quiet
    total = sum(verdicts.values())
    label = f"workers on CPU(s) {cpus}, benchctl off them" if name == "pinned" else "workers free"
    print(f"{name} ({label}): {len(ids)} runs")
    print("  run-to-run CV of run medians: " +
          ", ".join(f"{n} {100 * cv:.2f}%" for n, cv in cvs) +
          f"; median {100 * statistics.median(cv for _, cv in cvs):.2f}%")
    print(f"  A/A, each run against the one before: {flagged} of {total} flagged "
          f"({100 * flagged / max(total, 1):.1f}%); " +
          ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
PY
}

# decisive: on a plugin the comparison methods were not developed on (ci/experiments/checksum:
# CRC-32 of n bytes at four sizes and an empty loop), built out of tree against benchctl installed
# from BUILD_DIR, twice: CHECKSUM_COST 1.00 and 1.05. Every run keeps its build.
#  1. DECISIVE_RUNS (61) runs of the 1.00 build into aa.db.
#  2. Each compared with the one before, stored runs only (--resolve never): A/A without builds.
#  3. The same comparisons with the builds at hand (the default, --resolve auto): the stored
#     comparison, then its undecided benchmarks measured again by pairs. A comparison whose pairs
#     an interrupted invocation stored (DECISIVE_PHASE=analyse reruns on the same aa.db) is
#     decided from those pairs instead of measured again, and the report counts them.
#  4. DECISIVE_TRIALS (20) times: a copy of aa.db, a run of the 1.05 build, `compare` with the last
#     A/A run: how often each CRC benchmark is flagged slower, and the empty loop (unchanged) not.
# The suite's policy warns at 3%: at the default 5% line a true +5% sits on the line, and half its
# estimates would fall under it whatever the method.
decisive() {
  local runs=${DECISIVE_RUNS:-61} trials=${DECISIVE_TRIALS:-20}
  local dir=$out/decisive
  if [[ ${DECISIVE_PHASE:-all} != analyse ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    cmake --install "$(dirname "$benchctl")" --prefix "$dir/prefix" > /dev/null
    for cost in 1.00 1.05; do
      cmake -S ci/experiments/checksum -B "$dir/build-$cost" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$dir/prefix" -DCHECKSUM_COST=$cost > /dev/null
      cmake --build "$dir/build-$cost" > /dev/null
    done
    cat > "$dir/checksum.yaml" <<'YAML'
suite: checksum
plugins: [checksum]
defaults: {processes: 10, repetitions: 2, min_time: 50ms, warmup: 50ms, timeout: 120s}
policy: {warn: 3%}
benchmarks:
  - checksum/crc32/*
  - checksum/empty
YAML
    for ((i = 1; i <= runs; i++)); do
      "$dir/prefix/bin/benchctl" run "$dir/checksum.yaml" --db "$dir/aa.db" \
        --plugin-path "$dir/build-1.00" --label "aa $i" --format json > /dev/null
      echo "decisive: A/A run $i/$runs" >&2
    done
  else  # DECISIVE_PHASE=analyse: the stored runs again, with the benchctl of BUILD_DIR
    cmake --install "$(dirname "$benchctl")" --prefix "$dir/prefix" > /dev/null
  fi
  BENCHCTL_CACHE_DIR=$dir/cache python3 - "$dir" "$trials" <<'PY'
import json, os, shutil, subprocess, sys, time
dir, trials = sys.argv[1], int(sys.argv[2])
benchctl = os.path.join(dir, "prefix", "bin", "benchctl")
quiet = {"no change", "inconclusive"}
settled = {"inconclusive", "slower", "regression"}  # what --resolve auto measures again for a gate

def compare(db, before, after, *extra):
    started = time.monotonic()
    p = subprocess.run([benchctl, "compare", str(before), str(after), "--db", db, "--format", "json",
                        "--fail-on", "regression", *extra], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"compare {before} {after} in {db} failed: {p.stderr.strip()}")
    return json.loads(p.stdout), time.monotonic() - started

def final(b):
    paired = b.get("paired", {})
    return paired.get("verdict", b["verdict"])

aa_db = os.path.join(dir, "aa.db")
listed = subprocess.run([benchctl, "runs", "--db", aa_db, "--limit", "100000"], capture_output=True, text=True)
ids = sorted(int(line.split()[0]) for line in listed.stdout.splitlines()[2:]
             if "aa " in line)
pairs = list(zip(ids, ids[1:]))

def stored_settlement(before, after):
    """The A/B a settling comparison of before and after stored, complete, if any."""
    sides = {}
    for line in listed.stdout.splitlines()[2:]:
        for side, run in (("baseline", before), ("current", after)):
            if f"{side}: run {run}'s stored build" in line and " complete " in line:
                sides[side] = int(line.split()[0])
    return (sides["baseline"], sides["current"]) if len(sides) == 2 else None

def settled_from_store(before, after, sides):
    """The comparison of before and after, its undecided benchmarks decided by the stored pairs."""
    result, spent = compare(aa_db, before, after, "--resolve", "never")
    paired, _ = compare(aa_db, *sides, "--resolve", "never")
    by_name = {b["name"]: b for b in paired["benchmarks"]}
    for b in result["benchmarks"]:
        if b["standing"] == "compared" and b["verdict"] in settled and b["name"] in by_name:
            b["paired"] = {"verdict": by_name[b["name"]]["verdict"], "ratio": by_name[b["name"]]["ratio"]}
    return result

def aa(title, extra, resume=False):
    verdicts, flagged, seconds, resumed = {}, [], [], 0
    for before, after in pairs:
        sides = stored_settlement(before, after) if resume else None
        if sides:  # settled by an earlier, interrupted invocation: its stored pairs decide
            result, resumed = settled_from_store(before, after, sides), resumed + 1
        else:
            result, spent = compare(aa_db, before, after, *extra)
            seconds.append(spent)
            print(f"decisive: compared {before} -> {after} ({spent:.0f} s)", file=sys.stderr)
        for b in result["benchmarks"]:
            if b["standing"] != "compared":
                continue
            v = final(b)
            verdicts[v] = verdicts.get(v, 0) + 1
            if v not in quiet:
                flagged.append((before, after, b["name"], v, b.get("paired", {}).get("ratio", b["ratio"])))
    total = sum(verdicts.values())
    print(f"A/A, {title}: {total} benchmark comparisons ({len(pairs)} comparisons of {len(ids)} runs)")
    print(f"  flagged: {len(flagged)} of {total} = {100 * len(flagged) / max(total, 1):.1f}%")
    print(f"  no change: {verdicts.get('no change', 0)} of {total} = {100 * verdicts.get('no change', 0) / max(total, 1):.1f}%")
    print("  verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    if seconds:
        print(f"  seconds per comparison: median {sorted(seconds)[len(seconds) // 2]:.1f}, max {max(seconds):.1f}")
    if resumed:
        print(f"  {resumed} comparisons decided by the pairs an interrupted invocation stored")
    for f in flagged:
        print(f"    runs {f[0]} -> {f[1]} {f[2]}: {f[3]} ({100 * (f[4] - 1):+.1f}%)")
    sys.stdout.flush()

aa("stored runs only (--resolve never)", ["--resolve", "never"])
aa("builds at hand (--resolve auto)", [], resume=True)

caught, total, trials_all, empty_flagged, seconds = 0, 0, 0, 0, []
verdicts = {}
for trial in range(1, trials + 1):
    db = os.path.join(dir, f"slower-{trial}.db")
    subprocess.run(["sqlite3", aa_db, f".backup '{db}'"], check=True)
    subprocess.run([benchctl, "run", os.path.join(dir, "checksum.yaml"), "--db", db, "--plugin-path",
                    os.path.join(dir, "build-1.05"), "--label", "x1.05", "--format", "json"],
                   check=True, capture_output=True)
    result, spent = compare(db, ids[-1], "latest")
    seconds.append(spent)
    all_caught = True
    for b in result["benchmarks"]:
        if b["standing"] != "compared":
            continue
        v = final(b)
        if b["name"].startswith("checksum/crc32/"):
            total += 1
            verdicts[v] = verdicts.get(v, 0) + 1
            hit = v in ("slower", "regression")
            caught += hit
            all_caught &= hit
        elif v not in quiet:
            empty_flagged += 1
    trials_all += all_caught
    os.remove(db)
    print(f"trial {trial}: every CRC benchmark caught: {all_caught} ({spent:.0f} s)", file=sys.stderr)
print(f"+5% build: {caught} of {total} CRC comparisons flagged slower ("
      + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items()))
      + f"); all four in {trials_all} of {trials} trials; the empty loop (unchanged) flagged in "
      f"{empty_flagged} of {trials}; seconds per comparison: median {sorted(seconds)[len(seconds) // 2]:.1f}")
PY
}

case $phase in
  affinity) affinity_experiment ;;
  collect) collect ;;
  analyse) analyse ;;
  all) collect && analyse ;;
  decisive) decisive ;;
  *) echo "usage: $0 collect|analyse|all|decisive|affinity [BUILD_DIR] [OUT_DIR]" >&2; exit 2 ;;
esac
