// The PostgreSQL store (store/postgres_store.cpp, through libpqxx) is built as a module of its
// own, benchctl-postgres.so, loaded only when `--db` names a postgresql:// URL: libpq and what it
// links (TLS, Kerberos, LDAP) would otherwise load on every start of benchctl.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

// The module's one entry point: connects to `url` and brings its schema up to date. Throws
// StorageError (naming the URL without its password) when the server cannot be reached, refuses
// the credentials, or holds a newer schema.
extern "C" benchctl::store::Store* benchctl_open_postgres_store(const char* url);

namespace benchctl::store {

// Seconds after its last heartbeat that a running run on any machine is taken as abandoned:
// BENCHCTL_HEARTBEAT_TIMEOUT when set (whole seconds), else 1800. Throws InputError for a value
// that is not a positive whole number.
int heartbeat_timeout_seconds();

// Loads benchctl-postgres.so from next to `executable` (or the install's libexec folder) and
// opens `url` through it. Throws StorageError when the module is missing or cannot be loaded.
std::unique_ptr<Store> open_postgres_store(const std::string& url,
                                           const std::filesystem::path& executable);

}  // namespace benchctl::store
