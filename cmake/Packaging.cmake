# A Debian package of benchctl: `cpack -G DEB` in a build directory (after building it) writes
# benchctl_VERSION_ARCH.deb with the binary, its modules and rusage helper, the plugins, the SDK's
# headers and CMake package, and the man page, under /usr. Its dependencies are the shared
# libraries it links (dpkg-shlibdeps) and what building a plugin with the SDK needs.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME benchctl)
set(CPACK_PACKAGE_VENDOR benchctl)
set(CPACK_PACKAGE_CONTACT "benchctl maintainers <benchctl@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "plugin-based benchmark orchestrator")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "benchctl runs YAML suites of Google Benchmark plugins in isolated worker processes, stores "
       "every sample in SQLite or PostgreSQL, and compares runs, baselines and pull requests with "
       "statistics. The SDK (headers and CMake package) builds plugins: find_package(benchctl).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The SDK: plugins compile against Google Benchmark and Boost's headers with CMake.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libbenchmark-dev, libboost-dev, cmake (>= 3.16), g++")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git, valgrind")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "chromium, postgresql")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/benchctl/benchctl")
include(CPack)
