#include "store/sqlite_profiles.h"

#include "store/profiles.h"
#include "store/sqlite.h"

namespace benchctl::store {

std::int64_t save_sqlite_profile(Database& database, const ProfileRecord& profile) {
  Transaction transaction(database);
  database
      .prepare(
          "INSERT INTO profiles (run_id, benchmark, tool, event, build, created_at, iterations, "
          "note, stacks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(profile.run_id, profile.benchmark, profile.tool, profile.event, profile.build,
                profile.created_at, profile.iterations, profile.note, to_folded(profile.stacks))
      .run();
  const std::int64_t id = database.last_insert_id();
  transaction.commit();
  return id;
}

std::vector<ProfileRecord> load_sqlite_profiles(Database& database, std::int64_t run_id) {
  Statement query = database.prepare(std::string("SELECT ") + kProfileColumns +
                                     " FROM profiles WHERE run_id = ? ORDER BY id");
  query.bind(1, run_id);
  return records_of(query, profile_of);
}

}  // namespace benchctl::store
