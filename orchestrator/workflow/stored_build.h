// A stored run's build written back out of the database, so that workers can load it again: each
// plugin file under CACHE/builds/SHA256/FILE_NAME, where CACHE is $BENCHCTL_CACHE_DIR, else
// $XDG_CACHE_HOME/benchctl, else ~/.cache/benchctl. A file is written once (to a temporary name,
// then renamed, so that two benchctl processes never see half a file) and checked against its hash
// whenever it is used.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace benchctl::workflow {

// The directory stored builds are written to. Throws InputError when none can be named.
std::filesystem::path build_cache_directory();

// The run's plugin files, in the cache. Throws InputError naming the run when it kept no build (an
// import, a run stored before builds were kept), when `maintain --retain-builds` deleted one of
// its files, or when a plugin's ABI is one this benchctl cannot load; StorageError when the cache
// cannot be written or a stored file does not match its hash.
std::vector<std::filesystem::path> write_stored_build(store::Store& store,
                                                      const store::RunRecord& run);

// Whether every plugin of the run has its file in the database.
bool has_stored_build(store::Store& store, const store::RunRecord& run);

// Why a run's build cannot be measured again (imported, stored before builds were kept, deleted
// by maintain), or nothing when it can.
std::optional<std::string> missing_stored_build(store::Store& store, const store::RunRecord& run);

}  // namespace benchctl::workflow
