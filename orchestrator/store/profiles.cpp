#include "store/profiles.h"

#include <fmt/format.h>

#include <charconv>

#include "util/error.h"
#include "util/split.h"

namespace benchctl::store {

std::string to_folded(const std::vector<ProfileStack>& stacks) {
  std::string text;
  for (const ProfileStack& stack : stacks) {
    for (std::size_t i = 0; i < stack.frames.size(); ++i)
      text += (i == 0 ? "" : ";") + stack.frames[i];
    text += fmt::format(" {}\n", stack.cost);
  }
  return text;
}

std::vector<ProfileStack> from_folded(std::string_view text) {
  std::vector<ProfileStack> stacks;
  int line_number = 0;
  for (const std::string& line : util::split(text, '\n')) {
    ++line_number;
    if (line.empty())
      continue;
    const std::size_t space = line.rfind(' ');
    ProfileStack stack;
    const char* end = line.data() + line.size();
    const auto parsed = space == std::string::npos
                            ? std::from_chars_result{line.data(), std::errc::invalid_argument}
                            : std::from_chars(line.data() + space + 1, end, stack.cost);
    if (space == 0 || parsed.ec != std::errc() || parsed.ptr != end)
      throw StorageError(
          fmt::format("a stored profile's line {} is not 'frames cost'", line_number));
    stack.frames = util::split(std::string_view(line).substr(0, space), ';');
    stacks.push_back(std::move(stack));
  }
  return stacks;
}

ProfileRecord profile_of(const Row& row) {
  ProfileRecord profile;
  profile.id = row.int64(0);
  profile.run_id = row.optional_int64(1);
  profile.benchmark = row.text(2);
  profile.tool = row.text(3);
  profile.event = row.text(4);
  profile.build = row.text(5);
  profile.created_at = row.text(6);
  profile.iterations = row.int64(7);
  profile.note = row.text(8);
  profile.stacks = from_folded(row.text(9));
  return profile;
}

}  // namespace benchctl::store
