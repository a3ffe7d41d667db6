// A run keeps its build: before the run begins, each plugin file it measures is hashed and, unless
// the database already holds that content, stored in it (Store::keep_build_file), so that the run
// can be measured again by pairs long after the file is gone. An unchanged plugin costs a hash.
#pragma once

#include <vector>

#include "store/store.h"

namespace benchctl::runner {

// Sets each plugin's sha256 and stores the files the database lacks. Throws InputError naming a
// plugin file that cannot be read.
void keep_build(store::Store& store, std::vector<store::PluginVersion>& plugins);

}  // namespace benchctl::runner
