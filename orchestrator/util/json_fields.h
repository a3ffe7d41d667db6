// Optional fields of a JSON object, written only when set and read only when present.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

namespace benchctl::util {

template <class T>
void write_if_set(nlohmann::json& json, const char* key, const std::optional<T>& value) {
  if (value)
    json[key] = *value;
}

// Throws nlohmann::json::exception for a value of another type (a null included).
template <class T>
void read_if_present(const nlohmann::json& json, const char* key, std::optional<T>& value) {
  if (const auto found = json.find(key); found != json.end())
    value = found->get<T>();
}

}  // namespace benchctl::util
