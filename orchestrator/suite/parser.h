// Reads a suite file and validates everything that can be checked without plugins: structure,
// keys (unknown and duplicate ones are errors), types, units and counts. Every error is one
// InputError line "file:line:column: what was found, what was expected".
//
// `include: other.yaml` (or a list) reads other suites first, relative to the including file:
// their plugins, defaults, policy and entries, with the including file's laid over them, so that
// a later entry overrides an included one. An include cycle is an error.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "suite/suite.h"

namespace benchctl::suite {

// Values substituted for ${name} in commands and file paths, besides ${suite_dir}.
using Variables = std::map<std::string, std::string>;

Suite load_suite(const std::filesystem::path& file, const Variables& variables);

// The same from text; `display_name` is the file name used in messages and `directory` the
// directory relative paths and ${suite_dir} refer to.
Suite parse_suite(const std::string& text, const std::string& display_name,
                  const std::filesystem::path& directory, const Variables& variables);

}  // namespace benchctl::suite
