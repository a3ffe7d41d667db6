#!/usr/bin/env bash
# The bisect experiment: TRIALS fixture repositories (tests/bisect/make_fixture.sh: 16 commits of
# a small plugin, one making one benchmark 3% slower, another that does not compile), each with
# the culprit and the broken commit at random places (not adjacent: see below); the two ends measured as stored runs (with
# their builds), then `benchctl bisect RUN RUN`. Counted: the culprit named, in how many builds,
# with the other benchmarks unchanged, the A/B confirming it.
#   ci/measure-bisect.sh [BUILD_DIR] [OUT_DIR] [TRIALS]      (about a minute per trial)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$(pwd)
build=$(realpath "${1:-build/release}")
out=${2:-results/bisect-experiment}
trials=${3:-10}
[[ -x $build/benchctl ]] || { echo "measure-bisect: build $build/benchctl first" >&2; exit 2; }
mkdir -p "$out/bin"
out=$(realpath "$out")
# A copy of benchctl and its helpers: a rebuild meanwhile changes nothing measured.
cp "$build"/benchctl "$build"/benchctl-* "$out/bin/"
benchctl=$out/bin/benchctl

for ((trial = 1; trial <= trials; trial++)); do
  # The culprit 2..16; the broken commit 2..15, neither the culprit nor just before it: with the
  # commit before the culprit unbuildable, no build can tell which of the two made the change (git
  # bisect names both), and bisect rightly answers a range.
  culprit=$((RANDOM % 15 + 2))
  broken=$culprit
  while ((broken == culprit || broken == culprit - 1)); do broken=$((RANDOM % 14 + 2)); done
  dir="$out/trial-$trial"
  rm -rf "$dir"
  tests/bisect/make_fixture.sh "$dir" "$culprit" "$broken" "$source_dir/sdk/include"
  for end in 1 16; do
    sha=$(git -C "$dir/repo" rev-list --reverse HEAD | sed -n "${end}p")
    git -C "$dir/repo" worktree add -q --detach "$dir/end-$end" "$sha"
    (cd "$dir/end-$end" && ./build.sh)
    "$benchctl" run "$dir/fixture.yaml" --db "$dir/fixture.db" --plugin-path "$dir/end-$end/out" \
      --commit "$sha" --label "end $end" --format json > /dev/null 2>> "$out/log"
    git -C "$dir/repo" worktree remove --force "$dir/end-$end"
  done
  (cd "$dir" && "$benchctl" bisect 1 2 --repo repo --build ./build.sh --plugins out \
    --db fixture.db --format json > bisect.json 2>> "$out/log") || true
  echo "$culprit $broken" > "$dir/truth"
  echo "measure-bisect: trial $trial/$trials (culprit $culprit, broken $broken) done" >&2
done

python3 - "$out" "$trials" << 'PY'
import json, subprocess, sys
out, trials = sys.argv[1], int(sys.argv[2])
named = within = confirmed = clean = 0
builds = []
for trial in range(1, trials + 1):
    d = f"{out}/trial-{trial}"
    culprit, broken = map(int, open(f"{d}/truth").read().split())
    commits = subprocess.run(["git", "-C", f"{d}/repo", "rev-list", "--reverse", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.split()
    try:
        result = json.load(open(f"{d}/bisect.json"))
    except Exception as e:
        print(f"trial {trial}: MISS: no report ({e})")
        continue
    ok = result["end"] == "found" and result["culprit"] == commits[culprit - 1]
    named += ok
    within += ok and result["builds"] <= 5
    builds.append(result["builds"])
    clean += result["moved"] == ["fixture/sum"]
    confirmed += any(c["confirmed"] for c in result["confirmed"])
    skipped = sum(not p["measured"] for p in result["probes"])
    print(f"trial {trial}: culprit {culprit}, broken {broken}: {result['end']} "
          f"{result['culprit'][:12]} ({'right' if ok else 'WRONG'}), {result['builds']} builds "
          f"({skipped} skipped), moved {result['moved']}, A/B "
          + ", ".join(f"{c['benchmark']} {100 * (c['ratio'] - 1):+.1f}% "
                      f"[{100 * (c['interval'][0] - 1):+.1f}%, {100 * (c['interval'][1] - 1):+.1f}%]"
                      f" {'confirmed' if c['confirmed'] else 'NOT confirmed'}"
                      for c in result["confirmed"]) + (result["not_confirmed"] or ""))
print(f"\n{trials} trials: culprit named {named}/{trials}, in at most 5 builds {within}/{trials} "
      f"(builds {sorted(builds)}); only the slowed benchmark moved {clean}/{trials}; A/B confirmed "
      f"{confirmed}/{trials}")
PY
