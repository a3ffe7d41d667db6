// A test-only shared object that is not a benchctl plugin: it exports no entry point.
extern "C" __attribute__((visibility("default"))) int not_a_plugin_answer() {
  return 42;
}
