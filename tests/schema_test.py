#!/usr/bin/python3
"""Every suite in suites/ validates against schema/suite.schema.json, and the schema rejects what
benchctl rejects for the same reason (an unknown key, a count of zero, a time without a unit)."""
import json
import pathlib
import sys

import jsonschema
import yaml

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "schema/suite.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = 0
suites = sorted((root / "suites").glob("*.yaml"))
for path in suites:
    errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
    for error in errors:
        print(f"{path.name}: {error.json_path}: {error.message}")
    failures += len(errors)

bad = {
    "unknown key": {"suite": "t", "benchmarks": ["a/b"], "benchmark": []},
    "zero processes": {"suite": "t", "defaults": {"processes": 0}, "benchmarks": ["a/b"]},
    "time without a unit": {"suite": "t", "defaults": {"min_time": "100"}, "benchmarks": ["a/b"]},
    "unknown budget": {"suite": "t", "benchmarks": [{"name": "a/b", "budgets": {"p42": "1ms"}}]},
    "load without a duration": {
        "suite": "t", "benchmarks": [{"name": "l", "load": {"operation": "a/op", "rate": "10/s"}}]},
    "load with a burst without 'at'": {
        "suite": "t",
        "benchmarks": [{"name": "l", "load": {"operation": "a/op", "rate": "10/s",
                                              "duration": "5s",
                                              "burst": {"rate": "1K/s", "duration": "1s"}}}]},
}
for name, document in bad.items():
    if validator.is_valid(document):
        print(f"the schema accepts a suite with {name}")
        failures += 1

print(f"{len(suites) + len(bad) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
