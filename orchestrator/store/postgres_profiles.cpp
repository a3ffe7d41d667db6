#include "store/postgres_profiles.h"

#include "store/postgres_run_reading.h"
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
  return records_of(read.exec_params(std::string("SELECT ") + kProfileColumns +
                                         " FROM profiles WHERE run_id = $1 ORDER BY id",
                                     run_id),
                    profile_of);
}

}  // namespace benchctl::store
