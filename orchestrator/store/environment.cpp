#include "store/environment.h"

#include <fmt/format.h>

#include "store/stored_values.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

// Each known key with its field: one list for writing and reading.
template <class AnEnvironment, class Visit>
void for_each_field(AnEnvironment& e, Visit visit) {
  visit("host", e.host);
  visit("machine_class", e.machine_class);
  visit("cpu_model", e.cpu_model);
  visit("cores", e.cores);
  visit("kernel", e.kernel);
  visit("compiler", e.compiler);
  visit("build_type", e.build_type);
  visit("benchctl_version", e.benchctl_version);
  visit("git_commit", e.git_commit);
  visit("git_dirty", e.git_dirty);
  visit("valgrind", e.valgrind);
  visit("tuning", e.tuning);
  visit("load_average", e.load_average);
}

}  // namespace

std::string Environment::machine() const {
  const SeriesKey key = series();
  return fmt::format("{} ({})", key.host.empty() ? "unknown host" : key.host,
                     key.cpu_model.empty() ? "unknown CPU" : key.cpu_model);
}

SeriesKey Environment::series() const {
  if (machine_class)
    return {*machine_class, kMachineClassSeries};
  return {host.value_or(""), cpu_model.value_or("")};
}

void to_json(nlohmann::json& json, const Environment& environment) {
  json = environment.other;
  for_each_field(environment, [&](const char* key, const auto& field) {
    if (field)
      json[key] = *field;
  });
}

void from_json(const nlohmann::json& json, Environment& environment) {
  if (!json.is_object())
    throw StorageError(fmt::format("a run's environment is {}, expected an object", json.dump()));
  environment = Environment{};
  environment.other = json;
  for_each_field(environment, [&](const char* key, auto& field) {
    const auto found = json.find(key);
    if (found == json.end())
      return;
    try {
      field = found->template get<typename std::decay_t<decltype(field)>::value_type>();
    } catch (const nlohmann::json::exception& e) {
      throw StorageError(
          fmt::format("a run's environment has {}: {}, which is not what benchctl writes ({})", key,
                      found->dump(), e.what()));
    }
    environment.other.erase(key);
  });
}

Environment stored_environment(const std::string& text, std::int64_t run_id) {
  try {
    return parse_json(text).get<Environment>();
  } catch (const StorageError& e) {
    throw StorageError(fmt::format("run {}: {}", run_id, e.what()));
  }
}

}  // namespace benchctl::store
