// The environment a run was measured in (runner::capture_environment, or an import's context),
// stored with the run as a JSON object through one converter. A field is empty when the run did
// not record it (an import, a run stored before it was recorded); keys benchctl does not know are
// kept as they are, so that reading and writing a run again loses nothing.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/tuning_state.h"

namespace benchctl::store {

// Which series of runs a run belongs to: histories, noise models and alerts key on it.
struct SeriesKey {
  std::string host;
  std::string cpu_model;
};

// What `cpu_model` of a machine class's series holds.
inline constexpr const char* kMachineClassSeries = "machine class";

struct Environment {
  std::optional<std::string> host;
  // The machine class it was measured on (run --machine-class, BENCHCTL_MACHINE_CLASS): runs on
  // any node of a class are one series.
  std::optional<std::string> machine_class;
  std::optional<std::string> cpu_model;
  std::optional<int> cores;
  std::optional<std::string> kernel;
  std::optional<std::string> compiler;
  std::optional<std::string> build_type;  // of benchctl ("Release"), or an import's library
  std::optional<std::string> benchctl_version;
  std::optional<std::string> git_commit;  // the commit measured
  std::optional<bool> git_dirty;          // measured with uncommitted changes
  std::optional<std::string> valgrind;    // the version that counted the instructions
  std::optional<TuningState> tuning;
  std::optional<std::vector<double>> load_average;  // 1, 5 and 15 minutes
  nlohmann::json other = nlohmann::json::object();  // the keys above are never in it

  bool dirty() const { return git_dirty.value_or(false); }
  // "host (CPU model)", with "unknown host" and "unknown CPU" for what was not recorded, or
  // "class (machine class)": how reports name the machine, and what tells two machines apart.
  std::string machine() const;
  // Its machine class's series, else its host's and CPU model's.
  SeriesKey series() const;
};

void to_json(nlohmann::json& json, const Environment& environment);
// Throws StorageError naming the key whose value has the wrong type.
void from_json(const nlohmann::json& json, Environment& environment);

// Run `run_id`'s environment column; StorageError naming the run for text that is not an
// environment benchctl writes.
Environment stored_environment(const std::string& text, std::int64_t run_id);

}  // namespace benchctl::store
