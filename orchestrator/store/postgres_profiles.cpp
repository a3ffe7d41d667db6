#include "store/postgres_profiles.h"

#include "store/profiles.h"

namespace benchctl::store {

std::int64_t save_postgres_profile(pqxx::transaction_base& work, const ProfileRecord& profile) {
  return work
      .exec_params1(
          "INSERT INTO profiles (run_id, benchmark, tool, event, build, created_at, iterations, "
          "note, stacks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
          profile.run_id, profile.benchmark, profile.tool, profile.event, profile.build,
          profile.created_at, profile.iterations, profile.note, to_folded(profile.stacks))[0]
      .as<std::int64_t>();
}

std::vector<ProfileRecord> load_postgres_profiles(pqxx::transaction_base& read,
                                                  std::int64_t run_id) {
  std::vector<ProfileRecord> profiles;
  for (const pqxx::row& row : read.exec_params(
           "SELECT id, run_id, benchmark, tool, event, build, created_at, iterations, note, "
           "stacks FROM profiles WHERE run_id = $1 ORDER BY id",
           run_id)) {
    ProfileRecord& profile = profiles.emplace_back();
    profile.id = row[0].as<std::int64_t>();
    if (!row[1].is_null())
      profile.run_id = row[1].as<std::int64_t>();
    profile.benchmark = row[2].as<std::string>();
    profile.tool = row[3].as<std::string>();
    profile.event = row[4].as<std::string>();
    profile.build = row[5].as<std::string>();
    profile.created_at = row[6].as<std::string>();
    profile.iterations = row[7].as<std::int64_t>();
    profile.note = row[8].as<std::string>();
    profile.stacks = from_folded(row[9].as<std::string>());
  }
  return profiles;
}

}  // namespace benchctl::store
