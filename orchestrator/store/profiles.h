// A stored profile's stacks (schema/0012_profiles.sql, postgresql/0008_profiles.sql): the one
// converter of stacks to the folded text both backends store, and back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/records.h"
#include "store/row.h"

namespace benchctl::store {

// "f;g;h 1234\n" per stack, in the stacks' order: Brendan Gregg's folded format, which flame
// graph tools read.
std::string to_folded(const std::vector<ProfileStack>& stacks);
// Throws StorageError naming the line for text to_folded did not write.
std::vector<ProfileStack> from_folded(std::string_view text);

// The columns of a profile both stores read, and the profile in a row of them.
inline constexpr const char* kProfileColumns =
    "id, run_id, benchmark, tool, event, build, created_at, iterations, note, stacks";
ProfileRecord profile_of(const Row& row);

}  // namespace benchctl::store
