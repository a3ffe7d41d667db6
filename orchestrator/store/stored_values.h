// Converting values between records and the columns both stores write: times in integer
// nanoseconds, JSON columns (objects; a damaged one is a StorageError, not an empty value), a
// baseline's run ids, a result's settings.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/result_settings.h"

namespace benchctl::store {

std::optional<std::int64_t> to_nanoseconds(const std::optional<double>& seconds);
std::optional<double> to_seconds(const std::optional<std::int64_t>& nanoseconds);
std::vector<std::int64_t> stored_run_ids(const std::string& text);
// The JSON columns hold objects; an absent value (null) is stored as an empty one.
std::string object_text(const nlohmann::json& value);
nlohmann::json parse_json(const std::string& text);
ResultSettings stored_settings(const std::string& text);
std::optional<int> optional_int(const std::optional<std::int64_t>& value);
// A string field of a run's environment, or nothing.
std::optional<std::string> environment_text(const nlohmann::json& environment, const char* key);

}  // namespace benchctl::store
