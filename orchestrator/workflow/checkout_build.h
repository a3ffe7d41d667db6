// A checkout built with the user's command (bisect, ci): `sh -c 'cd CHECKOUT && COMMAND'`, and
// the directory of plugin files it leaves there.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace benchctl::workflow {

struct CheckoutBuild {
  std::string command;            // run by sh -c in the checkout
  std::filesystem::path plugins;  // relative to the checkout: where the build leaves them
  std::chrono::seconds timeout{1800};
};

struct BuiltPlugins {
  std::filesystem::path directory;  // the checkout's plugin directory, when built
  std::string why_not;  // else: the build's exit and last line, or the missing directory
  bool built() const { return why_not.empty(); }
};

BuiltPlugins build_checkout(const std::filesystem::path& checkout, const CheckoutBuild& build);

}  // namespace benchctl::workflow
