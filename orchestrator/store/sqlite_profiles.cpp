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
      .bind(1, profile.run_id)
      .bind(2, profile.benchmark)
      .bind(3, profile.tool)
      .bind(4, profile.event)
      .bind(5, profile.build)
      .bind(6, profile.created_at)
      .bind(7, profile.iterations)
      .bind(8, profile.note)
      .bind(9, to_folded(profile.stacks))
      .run();
  const std::int64_t id = database.last_insert_id();
  transaction.commit();
  return id;
}

std::vector<ProfileRecord> load_sqlite_profiles(Database& database, std::int64_t run_id) {
  Statement query = database.prepare(std::string("SELECT ") + kProfileColumns +
                                     " FROM profiles WHERE run_id = ? ORDER BY id");
  query.bind(1, run_id);
  std::vector<ProfileRecord> profiles;
  const SqliteRow row(query);
  while (query.step())
    profiles.push_back(profile_of(row));
  return profiles;
}

}  // namespace benchctl::store
