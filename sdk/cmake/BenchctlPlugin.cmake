# benchctl_add_plugin(<name> [SOURCES] <source>... [LIBRARIES <lib>...] [OUTPUT_DIRECTORY <dir>])
#
# Builds a benchctl plugin: a MODULE library named benchctl_<name>.so (the file name benchctl
# discovers), with hidden visibility so that only the entry point is exported, linked against
# the shared Google Benchmark so that host and plugin share one benchmark registry, and with
# every symbol resolved at link time.
function(benchctl_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES")
  set(sources ${arg_SOURCES} ${arg_UNPARSED_ARGUMENTS})
  if(NOT sources)
    message(FATAL_ERROR "benchctl_add_plugin(${name}): no SOURCES given")
  endif()
  add_library(${name} MODULE ${sources})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "benchctl_${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${arg_OUTPUT_DIRECTORY})
  endif()
  target_link_libraries(${name} PRIVATE benchctl::sdk ${arg_LIBRARIES})
  target_compile_definitions(${name} PRIVATE BENCHCTL_GBENCH_VERSION="${benchmark_VERSION}")
  target_link_options(${name} PRIVATE -Wl,-z,defs)
endfunction()
