-- A process's samples are stored in its row of `processes`, one array per column in repetition
-- order, instead of one row of `samples` each. A runner writes and a comparison reads a process's
-- samples together, never one alone; as rows, a million samples cost 3.7-5.3 s to store (the
-- server's own COPY of them 2.5 s) and their reading was most of a comparison. As arrays: one row
-- per process, no index entry per sample, 16 MB per million samples instead of 95 MB.
--
-- The arrays are compressed with lz4 where the server has it: pglz, the default, took 2 s of a
-- million samples' 3.2 s. Without lz4 they are stored uncompressed.
--
-- `samples` stays, as a view with the columns of SQLite's table, for whoever queries the database
-- with SQL.

ALTER TABLE processes
  ADD COLUMN repetitions  INTEGER[] NOT NULL DEFAULT '{}',
  ADD COLUMN iterations   BIGINT[]  NOT NULL DEFAULT '{}',
  ADD COLUMN real_ns      BIGINT[]  NOT NULL DEFAULT '{}',
  ADD COLUMN cpu_ns       BIGINT[]  NOT NULL DEFAULT '{}',
  ADD COLUMN instructions BIGINT[]  NOT NULL DEFAULT '{}';

UPDATE processes p SET
  repetitions = s.repetitions, iterations = s.iterations, real_ns = s.real_ns,
  cpu_ns = s.cpu_ns, instructions = s.instructions
FROM (SELECT result_id, process,
             array_agg(repetition ORDER BY repetition) AS repetitions,
             array_agg(iterations ORDER BY repetition) AS iterations,
             array_agg(real_ns ORDER BY repetition) AS real_ns,
             array_agg(cpu_ns ORDER BY repetition) AS cpu_ns,
             array_agg(instructions ORDER BY repetition) AS instructions
      FROM samples GROUP BY result_id, process) s
WHERE s.result_id = p.result_id AND s.process = p.process;

ALTER TABLE processes
  ALTER COLUMN repetitions DROP DEFAULT,
  ALTER COLUMN iterations DROP DEFAULT,
  ALTER COLUMN real_ns DROP DEFAULT,
  ALTER COLUMN cpu_ns DROP DEFAULT,
  ALTER COLUMN instructions DROP DEFAULT;

DO $$
BEGIN
  EXECUTE 'ALTER TABLE processes ALTER COLUMN repetitions SET COMPRESSION lz4, '
          'ALTER COLUMN iterations SET COMPRESSION lz4, ALTER COLUMN real_ns SET COMPRESSION lz4, '
          'ALTER COLUMN cpu_ns SET COMPRESSION lz4, ALTER COLUMN instructions SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
  ALTER TABLE processes
    ALTER COLUMN repetitions SET STORAGE EXTERNAL,
    ALTER COLUMN iterations SET STORAGE EXTERNAL,
    ALTER COLUMN real_ns SET STORAGE EXTERNAL,
    ALTER COLUMN cpu_ns SET STORAGE EXTERNAL,
    ALTER COLUMN instructions SET STORAGE EXTERNAL;
END
$$;

DROP TABLE samples;

CREATE VIEW samples AS
  SELECT p.result_id, p.process, s.repetition, s.iterations, s.real_ns, s.cpu_ns, s.instructions
  FROM processes p,
       unnest(p.repetitions, p.iterations, p.real_ns, p.cpu_ns, p.instructions)
         AS s (repetition, iterations, real_ns, cpu_ns, instructions);
