#!/usr/bin/env bash
# The nightly job: measures a suite, compares it with the previous night and a baseline, finds the
# change points of every benchmark's history, keeps the database healthy, and writes it all into
# results/nightly/YYYY-MM-DD/ as Markdown, JSON and HTML pages (run, comparisons, history), with a
# digest.
#
#   ci/nightly.sh [--build] [--suite FILE] [--db PATH] [--results DIR] [--baseline NAME]
#                 [--plugin-path DIR] [--retain-samples DAYS] [--notify CMD]
#                 [--bisect CMD --bisect-plugins DIR] [--no-profiles]
#
#   --build              configure and build the release preset first (cmake --workflow)
#   --suite FILE         the suite (default suites/nightly.yaml)
#   --db PATH            the database (default results/nightly.db)
#   --results DIR        where the dated folders go (default results/nightly)
#   --baseline NAME      also compare each night with this stored baseline
#   --plugin-path DIR    plugins (default: the build's)
#   --retain-samples N   delete raw samples of runs older than N days (their medians stay)
#   --bisect CMD         bisect each new alert (`benchctl bisect --alert ID`) in this checkout,
#                        building each commit with CMD; the report joins the digest
#   --bisect-plugins DIR where CMD leaves the plugins, relative to the checkout (with --bisect)
#   --no-profiles        do not profile new alerts (by default each new alert's benchmarks are
#                        profiled with callgrind on its first run's build against that of the
#                        run before it: `benchctl profile --alert ID`; the report joins the digest)
#   --notify CMD         pipe the digest to CMD (run by sh -c) when there is something to say:
#                        a new alert or one whose state changed, a failed benchmark, or a new
#                        change point
#
# Exit codes: 0 nothing to report; 1 a new alert (a slowdown that holds, not the machine's, in
# no alert yet: `benchctl alerts`); 3 a benchmark failed; 2 bad arguments or input; 4 storage; 75
# another nightly of the same database is running (nothing was done). NIGHTLY_DATE overrides the date of
# the folder (tests); BENCHCTL overrides the binary (default: the release build's).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

build=0 suite="$repo/suites/nightly.yaml" db="$repo/results/nightly.db"
results="$repo/results/nightly" baseline="" plugin_path="" retain="" notify="" bisect=""
bisect_plugins="" profiles=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=1 ;;
    --no-profiles) profiles=0 ;;
    --suite | --db | --results | --baseline | --plugin-path | --retain-samples | --notify | \
      --bisect | --bisect-plugins)
      [[ $# -ge 2 ]] || { echo "nightly: $1 needs a value" >&2; exit 2; }
      case "$1" in
        --suite) suite="$2" ;;
        --db) db="$2" ;;
        --results) results="$2" ;;
        --baseline) baseline="$2" ;;
        --plugin-path) plugin_path="$2" ;;
        --retain-samples) retain="$2" ;;
        --notify) notify="$2" ;;
        --bisect) bisect="$2" ;;
        --bisect-plugins) bisect_plugins="$2" ;;
      esac
      shift ;;
    -h | --help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "nightly: unknown argument '$1' (see ci/nightly.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

date="${NIGHTLY_DATE:-$(date -u +%F)}"
[[ "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] ||
  { echo "nightly: NIGHTLY_DATE '$date': expected YYYY-MM-DD" >&2; exit 2; }
[[ -f "$suite" ]] || { echo "nightly: --suite $suite: no such file" >&2; exit 2; }
[[ ( -z "$bisect" && -z "$bisect_plugins" ) || ( -n "$bisect" && -n "$bisect_plugins" ) ]] ||
  { echo "nightly: --bisect CMD and --bisect-plugins DIR go together" >&2; exit 2; }
[[ -z "$retain" || "$retain" =~ ^[1-9][0-9]*$ ]] ||
  { echo "nightly: --retain-samples '$retain': expected a number of days" >&2; exit 2; }

mkdir -p "$(dirname "$db")" "$results"
# One nightly per database at a time: the lock lives as long as this shell.
lock="$db.nightly-lock"
exec 9> "$lock"
if ! flock -n 9; then
  echo "nightly: another nightly is running on $db (lock $lock held); nothing done" >&2
  exit 75
fi

if [[ $build -eq 1 ]]; then
  (cd "$repo" && cmake --workflow --preset release > /dev/null)
fi
benchctl="${BENCHCTL:-$repo/build/release/benchctl}"
[[ -x "$benchctl" ]] ||
  { echo "nightly: $benchctl is not built (pass --build, or set BENCHCTL)" >&2; exit 2; }
plugin_args=()
[[ -n "$plugin_path" ]] && plugin_args=(--plugin-path "$plugin_path")
# What can be wrong is found before anything is measured.
if [[ -n "$baseline" && -f "$db" ]] &&
  ! "$benchctl" baseline show "$baseline" --db "$db" > /dev/null 2>&1; then
  echo "nightly: --baseline $baseline: no such baseline in $db" >&2
  exit 2
fi

out="$results/$date"
mkdir -p "$out"
commit="$(git -C "$repo" rev-parse HEAD 2> /dev/null || true)"
commit_args=()
[[ -n "$commit" ]] && commit_args=(--commit "$commit")
label="nightly $date${commit:+ ${commit:0:12}}"

# The previous night: the newest earlier folder that recorded a run.
previous=""
for folder in $(ls -1 "$results" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' | sort -r); do
  if [[ "$folder" < "$date" && -f "$results/$folder/run-id" ]]; then
    previous="$results/$folder"
    break
  fi
done

# 1. The run. Exit 3 (a benchmark failed) still stores the run.
run_status=0
"$benchctl" run "$suite" --db "$db" --label "$label" "${commit_args[@]}" "${plugin_args[@]}" \
  --format markdown > "$out/run.md" 2> "$out/run.log" || run_status=$?
if [[ $run_status -ne 0 && $run_status -ne 3 ]]; then
  echo "nightly: benchctl run failed (exit $run_status): $(tail -n 1 "$out/run.log")" >&2
  exit "$run_status"
fi
run_id="$(sed -n 's/^Stored as run \([0-9]*\) in .*/\1/p' "$out/run.log" | tail -n 1)"
echo "$run_id" > "$out/run-id"
# show exits 3 for a run with a failed benchmark, as run did.
"$benchctl" show "$run_id" --db "$db" --format json > "$out/run.json" || [[ $? -eq 3 ]]
"$benchctl" show "$run_id" --db "$db" --format html --output "$out/run.html" || [[ $? -eq 3 ]]
suite_name="$(jq -r '.run.suite' "$out/run.json")"

# 2. Comparisons: with the previous night and with the baseline. Their verdicts inform; the
# change points below decide.
compare() {  # NAME REFERENCE
  "$benchctl" compare "$2" "$run_id" --db "$db" --fail-on none --format markdown > "$out/$1.md"
  "$benchctl" compare "$2" "$run_id" --db "$db" --fail-on none --format json > "$out/$1.json"
  "$benchctl" compare "$2" "$run_id" --db "$db" --fail-on none --format html --output "$out/$1.html"
}
[[ -n "$previous" ]] && compare compare-previous "$(cat "$previous/run-id")"
[[ -n "$baseline" ]] && compare compare-baseline "$baseline"

# 3. The history of this machine's runs of the suite, change points marked new against the
# previous night's.
history_args=(--db "$db" --suite "$suite_name")
[[ -n "$previous" && -f "$previous/history.json" ]] &&
  history_args+=(--previous "$previous/history.json")
"$benchctl" history "${history_args[@]}" --format json > "$out/history.json"
"$benchctl" history "${history_args[@]}" --format markdown > "$out/history.md"
"$benchctl" history "${history_args[@]}" --format html --output "$out/history.html"
new_changes="$(jq '[.benchmarks[].change_points[] | select(.new)] | length' "$out/history.json")"

# 4. Alerts: the slowdowns grouped per commit range, kept with their states across nights (exit 1:
# a new alert). The digest shows the new ones and those whose state changed.
alerts_status=0
"$benchctl" alerts scan --suite "$suite_name" --db "$db" --format json > "$out/alerts.json" ||
  alerts_status=$?
[[ $alerts_status -le 1 ]] ||
  { echo "nightly: benchctl alerts scan failed (exit $alerts_status)" >&2; exit "$alerts_status"; }
new_regressions="$(jq '.new' "$out/alerts.json")"
changed_alerts="$(jq '[.alerts[] | select(.was != null)] | length' "$out/alerts.json")"
# With --bisect, each new alert's commit range is searched for its culprit.
if [[ -n "$bisect" ]]; then
  for alert in $(jq '.alerts[] | select(.was == null) | .id' "$out/alerts.json"); do
    "$benchctl" bisect --alert "$alert" --repo "$repo" --build "$bisect" \
      --plugins "$bisect_plugins" --suite "$suite" --db "$db" --format markdown \
      > "$out/bisect-$alert.md" 2>&1 ||
      echo "nightly: bisecting alert $alert failed; see $out/bisect-$alert.md" >&2
  done
fi

# Each new alert's benchmarks profiled: its first run's build against that of the run before it.
if [[ $profiles -eq 1 ]]; then
  for alert in $(jq '.alerts[] | select(.was == null) | .id' "$out/alerts.json"); do
    "$benchctl" profile --alert "$alert" --db "$db" --format markdown \
      > "$out/profile-$alert.md" 2> "$out/profile-$alert.log" ||
      echo "nightly: profiling alert $alert failed: $(tail -n 1 "$out/profile-$alert.log")" >&2
  done
fi

# 5. The database: samples past retention, statistics, WAL.
maintain_args=(--db "$db")
[[ -n "$retain" ]] && maintain_args+=(--retain-samples "$retain")
"$benchctl" maintain "${maintain_args[@]}" > "$out/maintain.txt"

# 6. The digest.
failed="$(jq '[.run.results[] | select(.status == "failed")] | length' "$out/run.json")"
{
  echo "# benchctl nightly $date"
  echo
  echo "Run $run_id of suite $suite_name${commit:+ at ${commit:0:12}} on $(hostname):" \
    "$new_regressions new alert(s), $failed failed benchmark(s)," \
    "$new_changes new change point(s)."
  if [[ $new_regressions -gt 0 || $changed_alerts -gt 0 ]]; then
    echo
    echo "## Alerts: $new_regressions new, $changed_alerts changed state"
    echo
    jq -r '.alerts[] | "- alert \(.id): \(if .was then "\(.was) → " else "new: " end)\(.state), from run \(.first_run) (commits \(.commits[0][0:12])..\(.commits[1][0:12])): \([.changes[] | "`\(.benchmark)` \((.ratio - 1) * 100 | . * 10 | round / 10)%"] | join(", "))\(if .events[-1].note != "" then " (\(.events[-1].note))" else "" end)"' "$out/alerts.json"
    echo
    echo "\`benchctl alerts set ID STATE --note TEXT --db $db\` triages one."
  fi
  for report in "$out"/profile-*.md; do
    [[ -f $report ]] || continue
    echo
    echo "## Where alert $(basename "$report" .md | cut -d- -f2) spends more"
    echo
    sed 's/^### /#### /' "$report"
  done
  for report in "$out"/bisect-*.md; do
    [[ -f $report ]] || continue
    echo
    sed 's/^## /### /' "$report"
  done
  if [[ $failed -gt 0 ]]; then
    echo
    echo "## Failed benchmarks"
    echo
    jq -r '.run.results[] | select(.status == "failed") | "- `\(.name)`: \(.reason // "failed")"' "$out/run.json"
  fi
  echo
  sed 's/^## /### /; s/^# /## /' "$out/history.md"
  if [[ -n "$previous" ]]; then
    echo
    echo "## Compared with the previous night ($(basename "$previous"))"
    echo
    sed 's/^## /### /; s/^# /### /' "$out/compare-previous.md"
  fi
  if [[ -n "$baseline" ]]; then
    echo
    echo "## Compared with baseline $baseline"
    echo
    sed 's/^## /### /; s/^# /### /' "$out/compare-baseline.md"
  fi
} > "$out/digest.md"

status=0
[[ $failed -gt 0 ]] && status=3
[[ $new_regressions -gt 0 ]] && status=1
if [[ -n "$notify" && ($status -ne 0 || $new_changes -gt 0 || $changed_alerts -gt 0) ]]; then
  sh -c "$notify" < "$out/digest.md" ||
    echo "nightly: --notify command failed (exit $?); the digest is $out/digest.md" >&2
fi
echo "nightly $date: run $run_id, $new_regressions new alert(s), $failed failed;" \
  "see $out/digest.md"
exit $status
