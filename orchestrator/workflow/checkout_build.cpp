#include "workflow/checkout_build.h"

#include <fmt/format.h>

#include "util/subprocess.h"

namespace benchctl::workflow {

BuiltPlugins build_checkout(const std::filesystem::path& checkout, const CheckoutBuild& build) {
  util::ChildSpec child;
  child.argv = {"sh", "-c", "cd \"$0\" && " + build.command, checkout.string()};
  child.timeout = build.timeout;
  const util::ChildExit exit = util::run_child(child);
  BuiltPlugins result;
  if (!exit.succeeded()) {
    const std::string last = util::last_lines(exit.output_tail, 1);
    result.why_not = fmt::format("the build {}{}", exit.describe(),
                                 last.empty() ? " and printed nothing" : ": " + last);
  } else if (!std::filesystem::exists(checkout / build.plugins)) {
    result.why_not = fmt::format("the build left no {}", build.plugins.string());
  } else {
    result.directory = checkout / build.plugins;
  }
  return result;
}

}  // namespace benchctl::workflow
