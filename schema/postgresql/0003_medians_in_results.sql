-- A result keeps a copy of its processes' medians, in process order, written when it finishes (or
-- is pushed). A history reads them from its results' rows: aggregating them from `processes`, one
-- index scan and two sorts per result, took 1.9 s of the 3 s a comparison spent reading 100 runs
-- of 1,000 benchmarks. `processes` stays the record; these arrays are derived from it.

ALTER TABLE results
  ADD COLUMN median_real_seconds DOUBLE PRECISION[],
  ADD COLUMN median_cpu_seconds  DOUBLE PRECISION[];

UPDATE results r SET median_real_seconds = m.real, median_cpu_seconds = m.cpu
FROM (SELECT result_id,
             array_agg(median_real_seconds ORDER BY process) AS real,
             array_agg(median_cpu_seconds ORDER BY process) AS cpu
      FROM processes GROUP BY result_id) m
WHERE m.result_id = r.id AND r.status <> 'running';
