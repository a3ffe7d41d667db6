// What a run stores: plain data shared by the runner (which writes it), the store and the
// reports (which read it).
#pragma once

#include <benchctl/histogram.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/environment.h"
#include "store/result_settings.h"
#include "util/cpu_set.h"

namespace benchctl::store {

// One repetition (or one timed command run).
struct Sample {
  int repetition = 0;
  std::int64_t iterations = 1;
  std::optional<double> real_seconds;  // accumulated over the iterations
  std::optional<double> cpu_seconds;
  std::map<std::string, double> counters;
  std::optional<std::int64_t> instructions;  // under callgrind: accumulated over the iterations
};

// What the machine did while a process ran: evidence of noise from outside the benchmark.
struct ProcessConditions {
  std::optional<double> steal;         // share of the machine's CPU time the hypervisor stole
  std::optional<double> cpu_pressure;  // share of the time some task waited for a CPU (PSI)
  std::optional<int> cpu;              // the CPU the worker ran on last
  std::optional<std::int64_t> involuntary_switches;
  std::optional<int> position;               // its place in the run's schedule, from 0
  std::optional<util::CpuSet> allowed_cpus;  // the CPUs it was allowed to run on
};

// A latency histogram as stored: the non-empty buckets of the SDK's benchctl::LatencyHistogram
// (benchctl/histogram.h), each as the nanoseconds at its middle and its count, ascending.
struct LatencyBuckets {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> buckets;
  std::uint64_t max_ns = 0;

  std::uint64_t count() const;
  bool operator==(const LatencyBuckets&) const = default;
};

// The stored form of a histogram.
LatencyBuckets stored_buckets(const LatencyHistogram& histogram);

// What a load test's worker process measured beyond its per-second samples. Its samples are its
// seconds after the warm-up (repetition k: second k): iterations the requests completed in it,
// real_seconds their summed latency, cpu_seconds the CPU the process used, and the counters
// sent, errors, late, backlog and rss_bytes.
struct LoadRecord {
  std::uint64_t intended = 0;  // requests the schedule held after the warm-up
  std::uint64_t sent = 0, completed = 0, errors = 0, late = 0;
  std::uint64_t dropped = 0;  // intended but never sent before the run and its drain ended
  double elapsed = 0;         // seconds from the start to the last completion
  std::string first_error;
  LatencyBuckets latency;               // every recorded request, from its intended start
  LatencyBuckets schedule_error;        // actual start − intended start
  std::vector<LatencyBuckets> seconds;  // latency of the requests completed in each second
};

// One worker process (or one command run): the unit of replication.
// An iteration's allocations, frees and bytes allocated (measure: allocations), counted once by
// a worker process after its timed repetitions.
struct AllocationCounts {
  double allocations = 0;
  double frees = 0;
  double bytes = 0;
  bool operator==(const AllocationCounts&) const = default;
};

struct ProcessRecord {
  int index = 0;
  std::optional<std::int64_t> peak_rss_bytes;
  std::vector<Sample> samples;
  ProcessConditions conditions;
  // The median seconds per iteration stored beside the samples: what is left of the process
  // when `benchctl maintain --retain-samples` has deleted its samples.
  std::optional<double> median_real_seconds, median_cpu_seconds;
  std::optional<LoadRecord> load;  // load results
  std::optional<AllocationCounts> allocations;
};

// Seconds per iteration of each of a process's repetitions, wall or CPU time; a process whose
// samples were pruned gives its stored median alone.
std::vector<double> times_per_iteration(const ProcessRecord& process, bool cpu_time);
// The median of those: the process's figure; nothing when it has none.
std::optional<double> median_per_iteration(const ProcessRecord& process, bool cpu_time);
// Instructions per iteration of each of a process's repetitions (empty unless under callgrind).
std::vector<double> instructions_per_iteration(const ProcessRecord& process);

// A load process's totals and histograms, its `seconds` excepted (stored beside its samples).
void to_json(nlohmann::json& json, const LoadRecord& load);
void from_json(const nlohmann::json& json, LoadRecord& load);
void to_json(nlohmann::json& json, const LatencyBuckets& histogram);
// Throws StorageError for a histogram no version of benchctl writes.
void from_json(const nlohmann::json& json, LatencyBuckets& histogram);

enum class ResultStatus { running, ok, failed };
enum class RunStatus { running, complete, incomplete, interrupted };

std::string to_string(ResultStatus status);
std::string to_string(RunStatus status);
ResultStatus result_status_from_string(const std::string& text);
RunStatus run_status_from_string(const std::string& text);

struct PluginVersion {
  std::string name, version, abi, benchmark_version, file;
  // The file's content as the run measured it (store/store.h: its build), lowercase hex; empty
  // when the run kept no build (an import, or a run stored before builds were kept).
  std::string sha256;
};

struct ResultRecord {
  std::int64_t id = 0;
  std::string name;
  std::string plugin;  // empty for commands and file sizes
  ResultKind kind = ResultKind::benchmark;
  ResultStatus status = ResultStatus::running;
  std::string reason;       // why it failed
  std::string output_tail;  // the last lines the failed process printed
  ResultSettings settings;
  std::vector<ProcessRecord> processes;
};

// Two runs measured side by side, one per build, their processes alternating pair by pair
// (benchctl ab): process k of run_a and process k of run_b form pair k.
struct AbLink {
  std::int64_t id = 0;
  std::int64_t run_a = 0;
  std::int64_t run_b = 0;
  std::string label_a;
  std::string label_b;
  int looks = 1;  // planned looks of adaptive replication: the error rate is spent over them
};

// A run's place in a run group (benchctl run --shard K/N --group NAME).
struct GroupShard {
  std::string group;
  int index = 0;  // from 1
  bool operator==(const GroupShard&) const = default;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::string suite_name;
  std::string suite_file;
  std::string label;
  RunStatus status = RunStatus::running;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at;
  std::string config_hash;
  nlohmann::json config = nlohmann::json::object();
  Environment environment;
  std::vector<PluginVersion> plugins;
  std::vector<ResultRecord> results;  // filled by Store::load_run
  std::optional<AbLink> ab;           // filled by Store::load_run for a side of an A/B
  std::optional<GroupShard> shard;    // a shard of a run group
  int result_count = 0;
  int failed_count = 0;
};

struct Baseline {
  std::string name;
  std::vector<std::int64_t> run_ids;  // oldest first; usually one
  std::string note;
  std::string created_at;
  RunRecord run;  // the newest of them, without results: suite, started_at, environment
};

// One stored result of a benchmark as the run-level noise model and histories read it: its
// processes' median times and which run it belongs to.
struct HistoryPoint {
  std::int64_t run_id = 0;
  std::string started_at;
  std::string commit;  // empty when the run was not in a git checkout
  std::string name;
  ResultSettings settings;
  std::vector<double> real_medians;  // seconds per iteration, one per process
  std::vector<double> cpu_medians;
};

// What `benchctl maintain` is asked to do to a database.
struct MaintenanceRequest {
  // Delete the raw samples of runs started more than this many days ago (their processes'
  // medians stay, so they remain comparable).
  std::optional<int> retain_sample_days;
  // Delete the build files that neither a baseline's run, a run started within this many days,
  // nor a run still being written measured.
  std::optional<int> retain_build_days;
  bool vacuum = false;  // rewrite the database to its smallest size
};

// What `benchctl maintain` did to a database.
struct MaintenanceReport {
  int runs_pruned = 0;  // runs whose raw samples were deleted
  std::int64_t samples_deleted = 0;
  int build_files_deleted = 0;
  std::int64_t build_bytes_deleted = 0;
  std::int64_t bytes_before = 0, bytes_after = 0;  // the database and its WAL
};

// A machine that stored runs, as its runs name it.
struct Machine {
  std::string host;
  std::string cpu_model;
  int runs = 0;  // complete runs
  std::int64_t newest_run = 0;
};

// Which stored results a history holds: complete runs of one machine, results that succeeded.
struct HistoryQuery {
  std::vector<std::string> names;  // these benchmarks; empty: all
  std::string host;
  std::string cpu_model;
  std::optional<std::int64_t> before_run;  // only runs older than this one
  std::optional<std::string> suite;        // only runs of this suite
  std::optional<int> newest_runs;          // only each benchmark's newest runs, this many
  // Runs whose points are not returned (a comparison's own: its model leaves them out). They
  // still count among a benchmark's newest_runs.
  std::vector<std::int64_t> left_out_runs;
};

// One path of a profile: its frames from the benchmark's own function down to the one the cost
// was spent in, and that cost over the whole profiled run.
struct ProfileStack {
  std::vector<std::string> frames;
  std::int64_t cost = 0;
  bool operator==(const ProfileStack&) const = default;
};

// A suite measured in shards, one run each, that every reader sees as one run. The first shard
// to start decides which shard measures which benchmark; the others keep its decision.
struct RunGroup {
  std::int64_t id = 0;
  std::string name;
  std::string suite;
  int shards = 0;
  std::map<std::string, int> assignment;  // benchmark → shard, from 1
  std::string created_at;
  std::vector<RunRecord> runs;  // its shards' runs, oldest first, without results (find_run_group)
};

// A benchmark's profile (benchctl profile): an untimed run of `iterations` iterations with the
// profiler collecting around Google Benchmark's run only. Stored with the run whose build was
// profiled, or with none when the plugins were profiled as they are built now.
struct ProfileRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> run_id;
  std::string benchmark;
  std::string tool;   // "callgrind" or "perf"
  std::string event;  // what a cost counts: "Ir" (instructions) or "ns" (perf's cpu-clock)
  std::string build;  // what was profiled, as the user named it: "run 12", "phase10-final", a dir
  std::string created_at;
  std::int64_t iterations = 0;
  std::string note;  // said with the profile, e.g. that the plugin is stripped
  std::vector<ProfileStack> stacks;
};

}  // namespace benchctl::store
