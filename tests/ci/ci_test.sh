#!/usr/bin/env bash
# benchctl ci end to end on a fixture repository (make_fixture.sh): on a branch whose commit makes
# a benchmark 30% slower, the merge-base is built once in a worktree and measured, the regression
# is reported in the comment's Markdown, the job summary, GitHub's annotations and GitLab's Code
# Quality report, exit 1; on a branch with no change, exit 0, and the base's stored run is reused,
# not built again; bad input refused with one line and exit 2.
#   ci_test.sh BENCHCTL SOURCE_DIR
set -euo pipefail
benchctl=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$source_dir/tests/ci/make_fixture.sh" "$work" "$source_dir/sdk/include"
cd "$work/repo"
base=$(git rev-parse main~1)
ci() {  # OUT_PREFIX ARGS...: exit status in $status
  local prefix=$1
  shift
  echo "ci $prefix $(date +%T)"
  status=0
  GITHUB_STEP_SUMMARY="$work/$prefix.summary" "$benchctl" ci bench/fixture.yaml --base main \
    --db "$work/ci.db" --comment "$work/$prefix.md" --codequality "$work/$prefix.cq.json" \
    --annotations github "$@" > "$work/$prefix.out" 2> "$work/$prefix.err" || status=$?
}
builds() { wc -l < "$work/builds.log"; }
worktree_builds() { grep -vc "^$work/repo\$" "$work/builds.log" || true; }

# A 30% slower sum: the base built in a worktree, both measured, the sum a regression.
git checkout -q slower
ci slower --build ./build.sh --plugins out
[[ $status -eq 1 ]] || fail "slower: exit $status: $(cat "$work/slower.err")"
[[ $(worktree_builds) -eq 1 && $(builds) -eq 2 ]] || fail "slower: builds $(cat "$work/builds.log")"
grep -q "the merge-base ${base:0:12} of HEAD and main" "$work/slower.err" \
  || fail "slower: base not the merge-base: $(cat "$work/slower.err")"
[[ $(head -1 "$work/slower.md") == "<!-- benchctl-ci suite=fixture -->" ]] \
  || fail "slower: no marker: $(head -3 "$work/slower.md")"
grep -q '`fixture/sum`.*❌ regression' "$work/slower.md" || fail "slower: $(cat "$work/slower.md")"
grep -q "built in a worktree" "$work/slower.md" || fail "slower: $(cat "$work/slower.md")"
cmp -s <(cat "$work/slower.md"; echo) "$work/slower.summary" || fail "slower: job summary differs"
grep -q '^::error file=bench/fixture.yaml,line=6,title=benchctl compare%3A fixture/sum::' \
  "$work/slower.out" || fail "slower: annotations: $(grep '::' "$work/slower.out")"
[[ $(grep -c '^::error' "$work/slower.out") -eq 1 ]] || fail "slower: more than one annotation"
python3 - "$work/slower.cq.json" << 'PY' || fail "slower: code quality $(cat "$work/slower.cq.json")"
import json, sys
issues = json.load(open(sys.argv[1]))
assert len(issues) == 1, issues
issue = issues[0]
assert issue["check_name"] == "benchctl-compare" and "fixture/sum" in issue["description"]
assert issue["location"] == {"path": "bench/fixture.yaml", "lines": {"begin": 6}}, issue
assert len(issue["fingerprint"]) == 64
PY

# No change: the base's run is reused (no worktree build), exit 0, no annotation.
git checkout -q same
ci same --build ./build.sh --plugins out
[[ $status -eq 0 ]] || fail "same: exit $status: $(cat "$work/same.err") $(cat "$work/same.out")"
[[ $(worktree_builds) -eq 1 ]] || fail "same: the base was built again: $(cat "$work/builds.log")"
grep -q "Base: the merge-base ${base:0:12} of HEAD and main, run 1 (stored)" "$work/same.err" \
  || fail "same: $(cat "$work/same.err")"
! grep -q '^::error' "$work/same.out" || fail "same: annotated: $(grep '::' "$work/same.out")"
[[ $(cat "$work/same.cq.json") == "[]" ]] || fail "same: $(cat "$work/same.cq.json")"

# The slower branch again, built by hand, its plugins from the plugin path: the base reused.
git checkout -q slower
./build.sh
ci again --plugin-path out
[[ $status -eq 1 ]] || fail "again: exit $status: $(cat "$work/again.err")"
[[ $(worktree_builds) -eq 1 ]] || fail "again: the base was built again"
grep -q "(stored)" "$work/again.err" || fail "again: $(cat "$work/again.err")"

# On main's first commit itself: its run becomes the base, nothing compared, exit 0.
git checkout -q "$base"
ci on-base --build ./build.sh --plugins out
[[ $status -eq 0 ]] || fail "on-base: exit $status: $(cat "$work/on-base.err")"
grep -q "is the merge-base with \`main\`" "$work/on-base.md" || fail "$(cat "$work/on-base.md")"

# Uncommitted changes: measured and said, never stored as a base.
git checkout -q same
echo "// an edit" >> fixture.cpp
ci dirty --build ./build.sh --plugins out
git checkout -q fixture.cpp
[[ $status -eq 0 ]] || fail "dirty: exit $status: $(cat "$work/dirty.err")"
grep -q "uncommitted changes" "$work/dirty.md" || fail "dirty: $(cat "$work/dirty.md")"

# Bad input: one line, exit 2.
git checkout -q slower
while IFS='|' read -r args; do
  status=0
  eval "\"$benchctl\" ci $args" > "$work/bad.out" 2>&1 || status=$?
  # One error line (after "Building ..." when a build was started).
  [[ $status -eq 2 && $(grep -vc '^Building ' "$work/bad.out") -eq 1 ]] \
    || fail "ci $args: exit $status: $(cat "$work/bad.out")"
done << CASES
bench/fixture.yaml --db $work/ci.db
bench/fixture.yaml --base nosuchbranch --db $work/ci.db
bench/fixture.yaml --base main --build ./build.sh --db $work/ci.db
bench/fixture.yaml --base main --plugins out --db $work/ci.db
bench/fixture.yaml --base main --build ./build.sh --plugins /abs --db $work/ci.db
bench/fixture.yaml --base main --annotations gitlab --db $work/ci.db
bench/fixture.yaml --base main --annotations github --format json --db $work/ci.db
bench/fixture.yaml --base main --resolve sometimes --db $work/ci.db
bench/fixture.yaml --base main --repo / --build ./build.sh --plugins out --db $work/ci.db
bench/fixture.yaml --base main --db $work/fresh.db
bench/fixture.yaml --base main --build false --plugins out --db $work/fresh.db
bench/fixture.yaml --base main --build true --plugins nowhere --db $work/fresh.db
nosuch.yaml --base main --db $work/ci.db
CASES
# The example CI files call benchctl ci with options it has.
"$benchctl" ci --help > "$work/help.txt"
for example in "$source_dir"/ci/examples/*.yml; do
  python3 - "$example" "$work/help.txt" << 'PY' || fail "$example"
import re, sys
lines = open(sys.argv[1]).read().splitlines()
known = set(re.findall(r"^  (--[a-z-]+)", open(sys.argv[2]).read(), re.M))
used = set()
for i, line in enumerate(lines):
    if "benchctl ci " in line:
        for following in lines[i:]:
            if following is not line and not following.strip().startswith("--"):
                break
            # Options inside a quoted argument (the build command) are not benchctl's.
            unquoted = re.sub(r'"[^"]*"', "", following)
            used |= set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", unquoted))
assert used, "no benchctl ci command"
unknown = used - known
assert not unknown, f"{sys.argv[1]}: options benchctl ci does not have: {sorted(unknown)}"
PY
done
echo "ci: all checks passed"
