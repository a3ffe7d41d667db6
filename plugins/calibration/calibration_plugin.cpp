// The calibration plugin: benchctl's overhead check (see calibration_benchmarks.h).
#include <benchctl/plugin.h>

#include "calibration_benchmarks.h"

BENCHCTL_PLUGIN("calibration", "1.0.0",
                "Benchmarks of known cost for measuring benchctl's own overhead") {
  calibration::register_all([](const char* name, void (*function)(benchmark::State&)) {
    return benchctl::add(name, function);
  });
}
