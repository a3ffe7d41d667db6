#include "runner/build_keeper.h"

#include <fmt/format.h>

#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"

namespace benchctl::runner {

// Larger than any plugin a suite would load; a file beyond it is not a plugin build to keep.
constexpr std::uintmax_t kLargestPluginMiB = 1024;

void keep_build(store::Store& store, std::vector<store::PluginVersion>& plugins) {
  for (store::PluginVersion& plugin : plugins) {
    std::string content;
    if (const auto problem =
            util::read_regular_file(plugin.file, kLargestPluginMiB, "a plugin file", content)) {
      throw InputError(fmt::format("plugin {}: cannot keep its build {}: {}", plugin.name,
                                   plugin.file, *problem));
    }
    plugin.sha256 = util::sha256_hex(content);
    if (!store.has_build_file(plugin.sha256))
      store.keep_build_file(plugin.sha256, content);
  }
}

}  // namespace benchctl::runner
