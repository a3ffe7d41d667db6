#include "store/records.h"

#include "util/error.h"

namespace benchctl::store {

std::string to_string(ResultStatus status) {
  switch (status) {
    case ResultStatus::running:
      return "running";
    case ResultStatus::ok:
      return "ok";
    case ResultStatus::failed:
      return "failed";
  }
  return "unknown";
}

std::string to_string(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "running";
    case RunStatus::complete:
      return "complete";
    case RunStatus::incomplete:
      return "incomplete";
    case RunStatus::interrupted:
      return "interrupted";
  }
  return "unknown";
}

ResultStatus result_status_from_string(const std::string& text) {
  for (auto status : {ResultStatus::running, ResultStatus::ok, ResultStatus::failed}) {
    if (to_string(status) == text)
      return status;
  }
  throw StorageError("unknown result status '" + text + "' in the database");
}

RunStatus run_status_from_string(const std::string& text) {
  for (auto status :
       {RunStatus::running, RunStatus::complete, RunStatus::incomplete, RunStatus::interrupted}) {
    if (to_string(status) == text)
      return status;
  }
  throw StorageError("unknown run status '" + text + "' in the database");
}

}  // namespace benchctl::store
