-- A database written by benchctl 0.1.0 (commit 3b18fba), two runs of a suite with a benchmark, a
-- command and a file size, budgets, a policy and a baseline: later versions must still read it.
PRAGMA user_version = 2;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  suite_name       TEXT    NOT NULL,
  suite_file       TEXT    NOT NULL,
  label            TEXT,
  status           TEXT    NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'interrupted')),
  started_at       TEXT    NOT NULL,  -- ISO 8601 UTC
  finished_at      TEXT,
  config_hash      TEXT    NOT NULL,  -- SHA-256 of the resolved suite and plugin versions
  config           TEXT    NOT NULL,  -- the resolved suite, JSON
  environment      TEXT    NOT NULL,  -- host, CPU, kernel, compiler, git..., JSON
  owner_host       TEXT    NOT NULL,  -- which benchctl process writes this run, so that a run
  owner_pid        INTEGER NOT NULL,  -- whose process died can be marked incomplete
  owner_start_time INTEGER NOT NULL
);
INSERT INTO runs VALUES(1,'release-fixture','/tmp/release-suite.yaml','release fixture','complete','2026-11-26T07:43:34Z','2026-11-26T07:43:34Z','29be44d915b936809982c3c259d1b5c48e9ef3d9ca777c84b9527bc3bbbc6005','{"benchmarks":[{"kind":"benchmark","name":"tools/uuid/v4","settings":{"budgets":[{"hard":true,"limit":0.001,"metric":"median"},{"hard":false,"limit":0.002,"metric":"p95"},{"hard":true,"limit":50000000.0,"metric":"max_rss"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}},{"kind":"benchmark","name":"tools/hash/sha256","settings":{"budgets":[{"bytes":true,"hard":true,"limit":1000000.0,"metric":"min_throughput"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}},{"kind":"command","name":"startup/true","settings":{"budgets":[{"hard":true,"limit":1.0,"metric":"p95"}],"command":["/bin/true"],"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"runs":2,"timeout":30.0,"warmup_runs":0}},{"kind":"file_size","name":"binary/size","settings":{"budgets":[{"hard":true,"limit":10000000.0,"metric":"max_size"}],"file":"/bin/true","policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05}}}],"plugins":[{"abi":"1.0","name":"tools","version":"1.0.0"}],"suite":"release-fixture"}','{"benchctl_version":"0.1.0","build_type":"Release","compiler":"g++ 12.2.0","cores":2,"cpu_model":"Intel(R) Xeon(R) Processor","git_commit":"3b18fbad30d1b849ddd0edc2cadbefda182f21e8","git_dirty":false,"host":"vm","kernel":"Linux 6.18.44-fc-v657 x86_64","load_average":[2.7158203125,2.5126953125,1.41943359375]}','vm',9353,93004);
INSERT INTO runs VALUES(2,'release-fixture','/tmp/release-suite.yaml',NULL,'complete','2026-11-26T07:43:34Z','2026-11-26T07:43:34Z','29be44d915b936809982c3c259d1b5c48e9ef3d9ca777c84b9527bc3bbbc6005','{"benchmarks":[{"kind":"benchmark","name":"tools/uuid/v4","settings":{"budgets":[{"hard":true,"limit":0.001,"metric":"median"},{"hard":false,"limit":0.002,"metric":"p95"},{"hard":true,"limit":50000000.0,"metric":"max_rss"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}},{"kind":"benchmark","name":"tools/hash/sha256","settings":{"budgets":[{"bytes":true,"hard":true,"limit":1000000.0,"metric":"min_throughput"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}},{"kind":"command","name":"startup/true","settings":{"budgets":[{"hard":true,"limit":1.0,"metric":"p95"}],"command":["/bin/true"],"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"runs":2,"timeout":30.0,"warmup_runs":0}},{"kind":"file_size","name":"binary/size","settings":{"budgets":[{"hard":true,"limit":10000000.0,"metric":"max_size"}],"file":"/bin/true","policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05}}}],"plugins":[{"abi":"1.0","name":"tools","version":"1.0.0"}],"suite":"release-fixture"}','{"benchctl_version":"0.1.0","build_type":"Release","compiler":"g++ 12.2.0","cores":2,"cpu_model":"Intel(R) Xeon(R) Processor","git_commit":"3b18fbad30d1b849ddd0edc2cadbefda182f21e8","git_dirty":false,"host":"vm","kernel":"Linux 6.18.44-fc-v657 x86_64","load_average":[2.7158203125,2.5126953125,1.41943359375]}','vm',9366,93017);
CREATE TABLE run_plugins (
  run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name              TEXT    NOT NULL,
  version           TEXT    NOT NULL,
  abi               TEXT    NOT NULL,
  benchmark_version TEXT    NOT NULL,
  file              TEXT    NOT NULL,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;
INSERT INTO run_plugins VALUES(1,'tools','1.0.0','1.0','1.7.1','/tmp/release-head/build/release/plugins/benchctl_tools.so');
INSERT INTO run_plugins VALUES(2,'tools','1.0.0','1.0','1.7.1','/tmp/release-head/build/release/plugins/benchctl_tools.so');
CREATE TABLE results (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  plugin      TEXT,
  kind        TEXT    NOT NULL CHECK (kind IN ('benchmark', 'command', 'file_size')),
  status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  reason      TEXT,
  output_tail TEXT,
  settings    TEXT    NOT NULL,  -- processes, repetitions, times, budgets, JSON
  UNIQUE (run_id, name)
);
INSERT INTO results VALUES(1,1,'tools/uuid/v4','tools','benchmark','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":0.001,"metric":"median"},{"hard":false,"limit":0.002,"metric":"p95"},{"hard":true,"limit":50000000.0,"metric":"max_rss"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}');
INSERT INTO results VALUES(2,1,'tools/hash/sha256','tools','benchmark','ok',NULL,NULL,'{"budgets":[{"bytes":true,"hard":true,"limit":1000000.0,"metric":"min_throughput"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}');
INSERT INTO results VALUES(3,1,'startup/true',NULL,'command','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":1.0,"metric":"p95"}],"command":["/bin/true"],"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"runs":2,"timeout":30.0,"warmup_runs":0}');
INSERT INTO results VALUES(4,1,'binary/size',NULL,'file_size','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":10000000.0,"metric":"max_size"}],"file":"/bin/true","policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05}}');
INSERT INTO results VALUES(5,2,'tools/uuid/v4','tools','benchmark','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":0.001,"metric":"median"},{"hard":false,"limit":0.002,"metric":"p95"},{"hard":true,"limit":50000000.0,"metric":"max_rss"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}');
INSERT INTO results VALUES(6,2,'tools/hash/sha256','tools','benchmark','ok',NULL,NULL,'{"budgets":[{"bytes":true,"hard":true,"limit":1000000.0,"metric":"min_throughput"}],"min_time":0.005,"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"processes":2,"repetitions":2,"timeout":30.0,"warmup":0.0}');
INSERT INTO results VALUES(7,2,'startup/true',NULL,'command','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":1.0,"metric":"p95"}],"command":["/bin/true"],"policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05},"runs":2,"timeout":30.0,"warmup_runs":0}');
INSERT INTO results VALUES(8,2,'binary/size',NULL,'file_size','ok',NULL,NULL,'{"budgets":[{"hard":true,"limit":10000000.0,"metric":"max_size"}],"file":"/bin/true","policy":{"alpha":0.05,"confidence":0.95,"fail":0.1,"noise_floor":0.01,"time":"cpu","warn":0.05}}');
CREATE TABLE processes (
  result_id      INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
  process        INTEGER NOT NULL,
  peak_rss_bytes INTEGER,
  PRIMARY KEY (result_id, process)
) WITHOUT ROWID;
INSERT INTO processes VALUES(1,0,10493952);
INSERT INTO processes VALUES(1,1,10289152);
INSERT INTO processes VALUES(2,0,11333632);
INSERT INTO processes VALUES(2,1,11436032);
INSERT INTO processes VALUES(3,0,995328);
INSERT INTO processes VALUES(3,1,991232);
INSERT INTO processes VALUES(4,0,NULL);
INSERT INTO processes VALUES(5,0,10485760);
INSERT INTO processes VALUES(5,1,10457088);
INSERT INTO processes VALUES(6,0,11374592);
INSERT INTO processes VALUES(6,1,11268096);
INSERT INTO processes VALUES(7,0,999424);
INSERT INTO processes VALUES(7,1,983040);
INSERT INTO processes VALUES(8,0,NULL);
CREATE TABLE samples (
  result_id  INTEGER NOT NULL,
  process    INTEGER NOT NULL,
  repetition INTEGER NOT NULL,
  iterations INTEGER NOT NULL,
  real_ns    INTEGER,
  cpu_ns     INTEGER,
  PRIMARY KEY (result_id, process, repetition),
  FOREIGN KEY (result_id, process) REFERENCES processes (result_id, process) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO samples VALUES(1,0,0,7570,7014084,7013884);
INSERT INTO samples VALUES(1,0,1,7570,6977487,6977948);
INSERT INTO samples VALUES(1,1,0,7450,7013097,7013174);
INSERT INTO samples VALUES(1,1,1,7450,6818801,6818861);
INSERT INTO samples VALUES(2,0,0,9,6829060,6810742);
INSERT INTO samples VALUES(2,0,1,9,6765465,6765630);
INSERT INTO samples VALUES(2,1,0,9,6700106,6679566);
INSERT INTO samples VALUES(2,1,1,9,6603004,6603207);
INSERT INTO samples VALUES(3,0,0,1,1237962,632000);
INSERT INTO samples VALUES(3,1,0,1,634930,562000);
INSERT INTO samples VALUES(4,0,0,1,NULL,NULL);
INSERT INTO samples VALUES(5,0,0,7723,6849653,6849866);
INSERT INTO samples VALUES(5,0,1,7723,7115407,7081945);
INSERT INTO samples VALUES(5,1,0,7609,7227785,7204702);
INSERT INTO samples VALUES(5,1,1,7609,7057381,7057518);
INSERT INTO samples VALUES(6,0,0,9,7165706,7140259);
INSERT INTO samples VALUES(6,0,1,9,6981234,6983697);
INSERT INTO samples VALUES(6,1,0,9,7078683,7055298);
INSERT INTO samples VALUES(6,1,1,9,7010959,7012027);
INSERT INTO samples VALUES(7,0,0,1,676990,593000);
INSERT INTO samples VALUES(7,1,0,1,767606,711000);
INSERT INTO samples VALUES(8,0,0,1,NULL,NULL);
CREATE TABLE sample_counters (
  result_id  INTEGER NOT NULL,
  process    INTEGER NOT NULL,
  repetition INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  value      REAL    NOT NULL,
  PRIMARY KEY (result_id, process, repetition, name),
  FOREIGN KEY (result_id, process, repetition) REFERENCES samples (result_id, process, repetition)
    ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO sample_counters VALUES(1,0,0,'items_per_second',1079287.8810085824224);
INSERT INTO sample_counters VALUES(1,0,1,'items_per_second',1084846.1467468657065);
INSERT INTO sample_counters VALUES(1,1,0,'items_per_second',1062286.4911094459239);
INSERT INTO sample_counters VALUES(1,1,1,'items_per_second',1092557.8333390285261);
INSERT INTO sample_counters VALUES(2,0,0,'bytes_per_second',1385632284.9991965294);
INSERT INTO sample_counters VALUES(2,0,1,'bytes_per_second',1394871431.0418982505);
INSERT INTO sample_counters VALUES(2,1,0,'bytes_per_second',1412843888.3604114055);
INSERT INTO sample_counters VALUES(2,1,1,'bytes_per_second',1429181911.1531715393);
INSERT INTO sample_counters VALUES(3,0,0,'sys_seconds',0.0);
INSERT INTO sample_counters VALUES(3,0,0,'user_seconds',0.00063199999999999996631);
INSERT INTO sample_counters VALUES(3,1,0,'sys_seconds',0.0);
INSERT INTO sample_counters VALUES(3,1,0,'user_seconds',0.00056199999999999999955);
INSERT INTO sample_counters VALUES(4,0,0,'size_bytes',35664.0);
INSERT INTO sample_counters VALUES(5,0,0,'items_per_second',1127467.3110393690876);
INSERT INTO sample_counters VALUES(5,0,1,'items_per_second',1090519.6241992844733);
INSERT INTO sample_counters VALUES(5,1,0,'items_per_second',1056115.8532302933744);
INSERT INTO sample_counters VALUES(5,1,1,'items_per_second',1078141.0688573515508);
INSERT INTO sample_counters VALUES(6,0,0,'bytes_per_second',1321686510.2512385845);
INSERT INTO sample_counters VALUES(6,0,1,'bytes_per_second',1351316358.6564536094);
INSERT INTO sample_counters VALUES(6,1,0,'bytes_per_second',1337602465.5514197349);
INSERT INTO sample_counters VALUES(6,1,1,'bytes_per_second',1345856768.6633265018);
INSERT INTO sample_counters VALUES(7,0,0,'sys_seconds',0.0);
INSERT INTO sample_counters VALUES(7,0,0,'user_seconds',0.00059299999999999999412);
INSERT INTO sample_counters VALUES(7,1,0,'sys_seconds',0.0);
INSERT INTO sample_counters VALUES(7,1,0,'user_seconds',0.00071100000000000004342);
INSERT INTO sample_counters VALUES(8,0,0,'size_bytes',35664.0);
CREATE TABLE baselines (
  name       TEXT    PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
  note       TEXT,
  created_at TEXT    NOT NULL
);
INSERT INTO baselines VALUES('v0.1.0',1,'release fixture','2026-11-26T07:43:34Z');
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX results_by_name ON results (name);
COMMIT;
