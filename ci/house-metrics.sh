#!/usr/bin/env bash
# The size rules of orchestrator/ (ARCHITECTURE.md): files over 400 lines and functions over 80,
# each listed with its length; exit 1 when there is one. A function is counted from its first line
# at column 0 to the closing brace at column 0 (the code is clang-formatted), so a function nested
# in a class body is not seen.
#   ci/house-metrics.sh [DIR]   (default orchestrator)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-orchestrator}
status=0
while read -r lines file; do
  [[ $file == total ]] && continue
  if (( lines > 400 )); then
    echo "file $file: $lines lines"
    status=1
  fi
done < <(find "$dir" \( -name '*.cpp' -o -name '*.h' -o -name '*.c' \) -print0 | xargs -0 wc -l)
long=$(find "$dir" \( -name '*.cpp' -o -name '*.c' \) -print0 | xargs -0 awk '
  FNR == 1 { start = 0 }
  !start && /^[A-Za-z].*\(/ && !/^(namespace|struct|class|enum|using|#|typedef)/ && !/;[[:space:]]*$/ {
    start = FNR; name = $0
  }
  start && /^}/ {
    if (FNR - start + 1 > 80) printf "function %s:%d: %d lines: %s\n", FILENAME, start, FNR - start + 1, substr(name, 1, 80)
    start = 0
  }
  start && /^[A-Za-z].*;[[:space:]]*$/ && FNR != start { start = 0 }')
if [[ -n $long ]]; then
  echo "$long"
  status=1
fi
[[ $status -eq 0 ]] && echo "orchestrator: no file over 400 lines, no function over 80"
exit $status
