#!/usr/bin/env bash
# The systemd units and the crontab example of the nightly job: systemd-analyze verifies the units
# (pointed at this checkout), every crontab line has five valid time fields, and every option
# either passes to ci/nightly.sh is one the script documents.
#   nightly_units_test.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
units="$source_dir/ci/nightly"

sed "s|/opt/benchctl|$source_dir|g; s|^User=.*|User=$(id -un)|" "$units/benchctl-nightly.service" \
  > "$work/benchctl-nightly.service"
cp "$units/benchctl-nightly.timer" "$work/"
if command -v systemd-analyze > /dev/null; then
  systemd-analyze verify "$work/benchctl-nightly.service" "$work/benchctl-nightly.timer"
  systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' "$units/benchctl-nightly.timer")" \
    > /dev/null
else
  echo "systemd-analyze not installed: units not verified" >&2
fi

python3 - "$units/crontab.example" "$units/benchctl-nightly.service" \
  "$("$source_dir/ci/nightly.sh" --help)" << 'PY'
import re, shlex, sys
crontab, service, help_text = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
documented = set(re.findall(r"(--[a-z-]+)", help_text))
ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]

def field_ok(field, low, high):
    for part in field.split(","):
        base, _, step = part.partition("/")
        if step and not step.isdigit():
            return False
        if base == "*":
            continue
        bounds = base.split("-")
        if len(bounds) > 2 or not all(b.isdigit() and low <= int(b) <= high for b in bounds):
            return False
    return True

def options_of(command):
    words = shlex.split(command)
    script = [i for i, w in enumerate(words) if w.endswith("ci/nightly.sh")]
    assert script, f"no ci/nightly.sh in: {command}"
    return [w for w in words[script[0] + 1:] if w.startswith("--")]

lines = [l for l in crontab.splitlines() if l.strip() and not l.lstrip().startswith("#")]
assert lines, "no crontab line"
for line in lines:
    fields = line.split(None, 5)
    assert len(fields) == 6, f"expected five time fields and a command: {line}"
    for field, (low, high) in zip(fields[:5], ranges):
        assert field_ok(field, low, high), f"bad time field '{field}' in: {line}"
    for option in options_of(fields[5].split("&&")[-1]):
        assert option in documented, f"crontab passes {option}, which ci/nightly.sh lacks"
exec_start = re.search(r"^ExecStart=(.*)$", service, re.M).group(1)
for option in options_of(exec_start):
    assert option in documented, f"the service passes {option}, which ci/nightly.sh lacks"
print(f"crontab: {len(lines)} line(s) parsed; units: options known")
PY
