// A test-only plugin that claims a future ABI major version.
#include <benchctl/plugin_abi.h>

#include <boost/dll/alias.hpp>

namespace {

const char* register_nothing() {
  return nullptr;
}

const benchctl_plugin_descriptor descriptor = {
    99, 0, "future", "9.9.9", "from the future", "1.7.1", &register_nothing};

const benchctl_plugin_descriptor* entry() {
  return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(entry, benchctl_plugin)
