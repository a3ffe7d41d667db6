/* The binary interface between benchctl and its plugins.
 *
 * A plugin is a shared object that exports one symbol, the Boost.DLL alias
 * BENCHCTL_PLUGIN_ENTRY_NAME, naming a C-linkage function that returns a pointer to a
 * benchctl_plugin_descriptor. Only C types cross this boundary, so a plugin built by another
 * compiler or standard library still loads.
 *
 * Compatibility rule (as GStreamer, OBS and Qt apply it): the host accepts a plugin whose
 * abi_major equals its own and whose abi_minor is not newer than its own. The two version fields
 * come first and never move, so any future host can read them from any plugin.
 */
#ifndef BENCHCTL_PLUGIN_ABI_H
#define BENCHCTL_PLUGIN_ABI_H

#include <stdint.h>

#define BENCHCTL_ABI_MAJOR 1
#define BENCHCTL_ABI_MINOR 2
#define BENCHCTL_PLUGIN_ENTRY_NAME "benchctl_plugin"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct benchctl_plugin_descriptor {
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* name;              /* namespace of the plugin's benchmarks: "<name>/..." */
  const char* version;           /* the plugin's own version, stored with every run */
  const char* description;       /* one line for `benchctl list plugins` */
  const char* benchmark_version; /* the Google Benchmark version the plugin was built against */
  /* Registers the plugin's benchmarks with Google Benchmark. Returns NULL on success or a
   * message owned by the plugin that says what went wrong. Never throws. */
  const char* (*register_benchmarks)(void);

  /* ABI 1.1 and later (read it only when abi_minor >= 1): fixes the number of iterations of
   * every benchmark the plugin registered, instead of Google Benchmark's time-driven count, so
   * that instruction counts compare (`measure: instructions`). Returns NULL on success or a
   * message owned by the plugin. Never throws. */
  const char* (*set_iterations)(int64_t iterations);

  /* ABI 1.2 and later (read them only when abi_minor >= 2): the plugin's load operations
   * (benchctl::add_operation), driven by `load:` entries. Both are valid once
   * register_benchmarks has run. operation_name returns the full name of operation `index`
   * ("<plugin>/<name>"), NULL beyond the last. call_operation performs one request of operation
   * `index`; benchctl calls it from several threads at once. It returns NULL on success or a
   * message on failure, valid until the calling thread's next call. Never throws. */
  const char* (*operation_name)(uint32_t index);
  const char* (*call_operation)(uint32_t index);
} benchctl_plugin_descriptor;

typedef const benchctl_plugin_descriptor* benchctl_plugin_entry_fn(void);

#ifdef __cplusplus
}
#endif

#endif /* BENCHCTL_PLUGIN_ABI_H */
