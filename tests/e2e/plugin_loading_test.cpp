// The host refuses what is not a usable plugin, naming the file and the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plugin/description_cache.h"

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

CliResult list_with(const std::string& plugin_dir) {
  TempDirectory dir;
  return run_benchctl({"list", "plugins", "--plugin-path", test_plugin_dir(plugin_dir).string()},
                      dir.path());
}

void expect_refused(const CliResult& result, const std::string& file, const std::string& reason) {
  EXPECT_EQ(result.exit_code, 2);
  const std::string expected = "benchctl: refused plugin " + test_plugin_dir(file).string();
  EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(reason), std::string::npos)
      << "expected '" << reason << "' in: " << result.err;
  EXPECT_NE(result.out.find("tools"), std::string::npos) << "the good plugins are still listed";
}

TEST(PluginLoading, RefusesAPluginOfAnotherAbiMajor) {
  expect_refused(list_with("future"), "future/benchctl_future.so",
                 "plugin ABI 99.0 is not supported by this benchctl (ABI 1.2)");
}

TEST(PluginLoading, RefusesASharedObjectThatIsNotAPlugin) {
  expect_refused(list_with("not_a_plugin"), "not_a_plugin/benchctl_not_a_plugin.so",
                 "not a benchctl plugin (no 'benchctl_plugin' entry point");
}

TEST(PluginLoading, RefusesAPluginWithUnresolvedSymbolsAtLoadTime) {
  expect_refused(list_with("unresolved"), "unresolved/benchctl_unresolved.so",
                 "undefined symbol: benchctl_test_symbol_that_does_not_exist");
}

TEST(PluginLoading, RefusesAPluginWhoseRegistrationFails) {
  expect_refused(list_with("broken"), "broken/benchctl_broken.so",
                 "plugin 'broken' failed to register its benchmarks: the plugin's configuration "
                 "file is missing");
}

TEST(PluginLoading, RefusesTwoPluginsClaimingOneName) {
  const CliResult result = list_with("twins");
  expect_refused(result, "twins/benchctl_twin_a.so", "plugin name 'twin' is also claimed by");
  expect_refused(result, "twins/benchctl_twin_b.so", "plugin name 'twin' is also claimed by");
}

TEST(PluginLoading, ASuiteNeedingARefusedPluginSaysWhy) {
  TempDirectory dir;
  dir.write("s.yaml", "suite: s\nplugins: [twin]\nbenchmarks: [twin/nothing]\n");
  const CliResult result = run_benchctl(
      {"run", "s.yaml", "--plugin-path", test_plugin_dir("twins").string()}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(lines_of(result.err).size(), 1u);
  EXPECT_NE(result.err.find("s.yaml:2:11: unknown plugin 'twin'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("also claimed by"), std::string::npos);
}

TEST(PluginLoading, FindsPluginsThroughTheEnvironmentAndRejectsMissingPaths) {
  TempDirectory dir;
  const CliResult found =
      run_benchctl({"list", "benchmarks", "--plugin", "faulty"}, dir.path(),
                   {"BENCHCTL_PLUGIN_PATH=" + test_plugin_dir("faulty").string()});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("faulty/segfault"), std::string::npos);
  const CliResult missing =
      run_benchctl({"list", "plugins", "--plugin-path", "/nonexistent/plugins"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--plugin-path: plugin path '/nonexistent/plugins' does not exist"),
            std::string::npos);
}

TEST(PluginLoading, RefusesAPluginWhoseOperationListHasNoEnd) {
  expect_refused(list_with("endless"), "endless/benchctl_endless.so",
                 "plugin 'endless' lists more than 65536 operations, expected a list that ends "
                 "with NULL");
}

// A description is remembered per plugin file: another build copied over it is described again,
// and a damaged entry is described again and rewritten.
TEST(PluginLoading, ADescriptionIsRememberedPerFileAndDescribedAgainWhenReplaced) {
  TempDirectory dir;
  const std::filesystem::path plugins = dir / "plugins";
  std::filesystem::create_directories(plugins);
  const std::filesystem::path file = plugins / "benchctl_scaled.so";
  std::filesystem::copy_file(test_plugin_dir("scaled") / "benchctl_scaled.so", file);
  auto listed = [&] {
    const CliResult result = run_benchctl(
        {"list", "benchmarks", "--plugin", "scaled", "--plugin-path", plugins.string()}, dir.path(),
        {"BENCHCTL_CACHE_DIR=" + (dir / ".cache").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return lines_of(result.out);
  };
  const std::vector<std::string> first = listed();
  EXPECT_EQ(first, (std::vector<std::string>{"scaled/work", "scaled/steady"}));
  // The entry of this file as it is now (the default plugin directories have theirs too).
  auto entry_of = [&](const std::filesystem::path& plugin) {
    const auto entry = plugin::DescriptionCache(dir / ".cache").find(plugin).entry;
    return entry && std::filesystem::exists(*entry) ? *entry : std::filesystem::path();
  };
  const std::filesystem::path entry = entry_of(file);
  ASSERT_FALSE(entry.empty()) << "remembered";
  EXPECT_EQ(listed(), first) << "from the cache";

  std::ofstream(entry) << "{not json";
  EXPECT_EQ(listed(), first) << "a damaged entry is described again";

  std::filesystem::copy_file(test_plugin_dir("scaled-slow") / "benchctl_scaled_slow.so", file,
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_EQ(listed(), (std::vector<std::string>{"scaled/work", "scaled/steady", "scaled/extra"}))
      << "another build under the same name";
  EXPECT_FALSE(entry_of(file).empty());
  EXPECT_NE(entry_of(file), entry) << "remembered as another file";
}

TEST(PluginLoading, ListsAPluginsLoadOperations) {
  TempDirectory dir;
  const std::string path = test_plugin_dir("load").string();
  const CliResult operations =
      run_benchctl({"list", "operations", "--plugin", "load", "--plugin-path", path}, dir.path());
  EXPECT_EQ(operations.exit_code, 0) << operations.err;
  EXPECT_EQ(lines_of(operations.out),
            (std::vector<std::string>{"load/noop", "load/stall", "load/leak", "load/slow",
                                      "load/failing", "load/throwing"}));
  const CliResult plugins =
      run_benchctl({"list", "plugins", "--plugin", "load", "--plugin-path", path}, dir.path());
  EXPECT_NE(plugins.out.find("1.2"), std::string::npos) << plugins.out;
  EXPECT_EQ(run_benchctl({"list", "operations", "--plugin", "faulty", "--plugin-path",
                          test_plugin_dir("faulty").string()},
                         dir.path())
                .out,
            "")
      << "a plugin without operations lists none";
  EXPECT_EQ(run_benchctl({"list", "tests"}, dir.path()).exit_code, 2);
}

}  // namespace
}  // namespace benchctl::testing
