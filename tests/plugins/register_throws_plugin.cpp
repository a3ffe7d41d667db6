// A test-only plugin whose registration fails.
#include <benchctl/plugin.h>

#include <stdexcept>

BENCHCTL_PLUGIN("broken", "0.0.1", "Test plugin whose registration throws") {
  throw std::runtime_error("the plugin's configuration file is missing");
}
