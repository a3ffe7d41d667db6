# Generates a C++ source holding every schema/NNNN_name.sql migration, in order.
#   cmake -DSCHEMA_DIR=... -DOUTPUT=... [-DFUNCTION=name] -P EmbedMigrations.cmake
# FUNCTION names the generated function (default migrations, the SQLite store's).
if(NOT FUNCTION)
  set(FUNCTION migrations)
endif()
file(GLOB migrations RELATIVE ${SCHEMA_DIR} ${SCHEMA_DIR}/[0-9][0-9][0-9][0-9]_*.sql)
list(SORT migrations)
set(entries "")
foreach(migration IN LISTS migrations)
  string(SUBSTRING ${migration} 0 4 number)
  math(EXPR version "${number}")
  file(READ ${SCHEMA_DIR}/${migration} sql)
  string(APPEND entries "    {${version}, \"${migration}\", R\"benchctl_sql(${sql})benchctl_sql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from schema/*.sql by cmake/EmbedMigrations.cmake. Do not edit.
#include \"store/migrations.h\"

namespace benchctl::store {

const std::vector<Migration>& ${FUNCTION}() {
  static const std::vector<Migration> all = {
${entries}  };
  return all;
}

}  // namespace benchctl::store
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
