-- The CPUs each worker process was allowed to run on (a CPU list such as "1" or "0-3"), as the
-- worker read its own affinity: a suite's `affinity`, --affinity, or the isolated CPUs.
ALTER TABLE processes ADD COLUMN allowed_cpus TEXT;
