-- What the run-level noise model and the histories read, without parsing every sample and
-- environment: each run's machine, each process's median time per iteration, and the conditions
-- it ran in. Filled for the runs already stored. Baselines may hold several runs.

ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN cpu_model TEXT;
UPDATE runs SET host = json_extract(environment, '$.host'),
                cpu_model = json_extract(environment, '$.cpu_model');
CREATE INDEX runs_by_machine ON runs (host, cpu_model, id);

-- Seconds per iteration, the median over the process's repetitions (as numpy computes it).
ALTER TABLE processes ADD COLUMN median_real_seconds REAL;
ALTER TABLE processes ADD COLUMN median_cpu_seconds REAL;
-- What the machine did while the process ran: the share of CPU time the hypervisor stole
-- (machine-wide, /proc/stat), the share of time some task waited for a CPU (/proc/pressure/cpu),
-- the CPU the worker ran on last, its involuntary context switches, and its place in the run.
ALTER TABLE processes ADD COLUMN steal REAL;
ALTER TABLE processes ADD COLUMN cpu_pressure REAL;
ALTER TABLE processes ADD COLUMN cpu INTEGER;
ALTER TABLE processes ADD COLUMN involuntary_switches INTEGER;
ALTER TABLE processes ADD COLUMN position INTEGER;

WITH per_iteration AS (
  SELECT result_id, process,
         real_ns / 1e9 / iterations AS real_seconds, cpu_ns / 1e9 / iterations AS cpu_seconds
  FROM samples WHERE iterations > 0
), real_ranked AS (
  SELECT result_id, process, real_seconds AS value,
         row_number() OVER (PARTITION BY result_id, process ORDER BY real_seconds) AS rank,
         count(*) OVER (PARTITION BY result_id, process) AS n
  FROM per_iteration WHERE real_seconds IS NOT NULL
), cpu_ranked AS (
  SELECT result_id, process, cpu_seconds AS value,
         row_number() OVER (PARTITION BY result_id, process ORDER BY cpu_seconds) AS rank,
         count(*) OVER (PARTITION BY result_id, process) AS n
  FROM per_iteration WHERE cpu_seconds IS NOT NULL
), medians AS (
  SELECT r.result_id, r.process, r.real_median, c.cpu_median
  FROM (SELECT result_id, process, avg(value) AS real_median FROM real_ranked
        WHERE rank IN ((n + 1) / 2, n / 2 + 1) GROUP BY result_id, process) r
  LEFT JOIN (SELECT result_id, process, avg(value) AS cpu_median FROM cpu_ranked
             WHERE rank IN ((n + 1) / 2, n / 2 + 1) GROUP BY result_id, process) c
    USING (result_id, process)
)
UPDATE processes SET median_real_seconds = medians.real_median, median_cpu_seconds = medians.cpu_median
FROM medians WHERE medians.result_id = processes.result_id AND medians.process = processes.process;

CREATE TABLE baseline_runs (
  name   TEXT    NOT NULL REFERENCES baselines (name) ON DELETE CASCADE ON UPDATE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
  PRIMARY KEY (name, run_id)
) WITHOUT ROWID;
INSERT INTO baseline_runs (name, run_id) SELECT name, run_id FROM baselines;
