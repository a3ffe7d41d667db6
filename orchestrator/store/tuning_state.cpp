#include "store/tuning_state.h"

#include <fmt/format.h>

#include "util/error.h"
#include "util/json_fields.h"

namespace benchctl::store {
namespace {

using util::read_if_present;
using util::write_if_set;

std::string shown(const std::optional<std::string>& value) {
  return value ? *value : "unknown";
}
std::string shown(const std::optional<bool>& value) {
  return value ? (*value ? "on" : "off") : "unknown";
}
std::string shown(const std::optional<int>& value) {
  return value ? std::to_string(*value) : "unknown";
}
std::string shown(const std::string& cpus) {
  return cpus.empty() ? "none" : cpus;
}

}  // namespace

void to_json(nlohmann::json& json, const TuningState& state) {
  json = nlohmann::json::object();
  write_if_set(json, "governor", state.governor);
  write_if_set(json, "boost", state.boost);
  write_if_set(json, "smt", state.smt);
  json["isolated"] = state.isolated;
  json["nohz_full"] = state.nohz_full;
  write_if_set(json, "aslr", state.aslr);
  write_if_set(json, "transparent_hugepages", state.transparent_hugepages);
}

void from_json(const nlohmann::json& json, TuningState& state) {
  try {
    state = TuningState{};
    read_if_present(json, "governor", state.governor);
    read_if_present(json, "boost", state.boost);
    read_if_present(json, "smt", state.smt);
    state.isolated = json.value("isolated", std::string());
    state.nohz_full = json.value("nohz_full", std::string());
    read_if_present(json, "aslr", state.aslr);
    read_if_present(json, "transparent_hugepages", state.transparent_hugepages);
  } catch (const nlohmann::json::exception& e) {
    throw StorageError(fmt::format("a run's stored tuning state is damaged: {}", e.what()));
  }
}

std::vector<std::string> differences(const TuningState& before, const TuningState& after) {
  std::vector<std::string> changed;
  auto compare = [&](const char* name, const auto& a, const auto& b) {
    if (a != b)
      changed.push_back(fmt::format("{}: {} → {}", name, shown(a), shown(b)));
  };
  compare("governor", before.governor, after.governor);
  compare("boost", before.boost, after.boost);
  compare("SMT", before.smt, after.smt);
  compare("isolated CPUs", before.isolated, after.isolated);
  compare("nohz_full CPUs", before.nohz_full, after.nohz_full);
  compare("ASLR", before.aslr, after.aslr);
  compare("transparent huge pages", before.transparent_hugepages, after.transparent_hugepages);
  return changed;
}

}  // namespace benchctl::store
