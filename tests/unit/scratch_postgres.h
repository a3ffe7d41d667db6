// A PostgreSQL database of its own for one test, on the throwaway cluster that ctest's `postgres`
// fixture starts (ci/postgres-cluster.sh, its URL in BENCHCTL_TEST_POSTGRES_DIR/url), dropped
// when the test ends. Without the cluster, creating one throws: a PostgreSQL test never passes
// by being skipped.
#pragma once

#include <fmt/format.h>
#include <pqxx/pqxx>

#include <unistd.h>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <string>

namespace benchctl::testing {

class ScratchPostgres {
 public:
  ScratchPostgres() = default;
  ScratchPostgres(const ScratchPostgres&) = delete;
  ScratchPostgres& operator=(const ScratchPostgres&) = delete;
  ~ScratchPostgres() {
    if (name_.empty())
      return;
    try {
      pqxx::connection admin(cluster_url());
      pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // The cluster is gone with everything in it.
    }
  }

  // Creates the database (named after `test` and this process) and returns its URL.
  std::string create(const std::string& test) {
    name_ = fmt::format("t{}_", ::getpid());
    for (const char c : test.substr(0, 40))
      name_ +=
          std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    pqxx::connection admin(cluster_url());
    pqxx::nontransaction(admin).exec("CREATE DATABASE " + name_);
    return url_of(name_);
  }

  // Runs `sql` on the test's database (to set up what only another machine could).
  void exec(const std::string& sql) const {
    pqxx::connection connection(url_of(name_));
    pqxx::nontransaction(connection).exec(sql);
  }

  // The cluster's URL: postgresql://postgres@/benchctl?host=DIR&port=N.
  static std::string cluster_url() {
    std::ifstream file(std::string(BENCHCTL_TEST_POSTGRES_DIR) + "/url");
    std::string url;
    if (!std::getline(file, url) || url.empty()) {
      throw std::runtime_error(std::string("no PostgreSQL test cluster in ") +
                               BENCHCTL_TEST_POSTGRES_DIR +
                               ": ctest starts one (the postgres fixture), or run "
                               "ci/postgres-cluster.sh start DIR");
    }
    return url;
  }

 private:
  static std::string url_of(const std::string& database) {
    std::string url = cluster_url();
    const std::string from = "/benchctl?";
    return url.replace(url.find(from), from.size(), "/" + database + "?");
  }

  std::string name_;
};

}  // namespace benchctl::testing
