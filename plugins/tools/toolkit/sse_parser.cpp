#include "toolkit/sse_parser.h"

namespace toolkit {

void SseParser::feed(std::string_view chunk) {
  std::size_t position = 0;
  if (skip_lf_ && !chunk.empty()) {
    if (chunk.front() == '\n')
      position = 1;
    skip_lf_ = false;
  }
  while (position < chunk.size()) {
    const std::size_t end = chunk.find_first_of("\r\n", position);
    if (end == std::string_view::npos) {
      line_.append(chunk.substr(position));
      return;
    }
    if (line_.empty()) {
      process_line(chunk.substr(position, end - position));
    } else {
      line_.append(chunk.substr(position, end - position));
      process_line(line_);
      line_.clear();
    }
    position = end + 1;
    if (chunk[end] == '\r') {
      if (position < chunk.size()) {
        if (chunk[position] == '\n')
          ++position;
      } else {
        skip_lf_ = true;
      }
    }
  }
}

void SseParser::finish() {
  line_.clear();
  data_.clear();
  event_type_.clear();
  skip_lf_ = false;
}

void SseParser::process_line(std::string_view line) {
  if (line.empty()) {
    dispatch();
    return;
  }
  if (line.front() == ':')
    return;  // a comment
  const std::size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
  }
  if (field == "event") {
    event_type_.assign(value);
  } else if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos)
      last_event_id_.assign(value);
  } else if (field == "retry") {
    if (!value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos &&
        value.size() < 18) {
      retry_ms_ = std::stoll(std::string(value));
    }
  }
  // Any other field is ignored, as the spec says.
}

void SseParser::dispatch() {
  if (data_.empty()) {
    event_type_.clear();
    return;
  }
  data_.pop_back();  // the last LF
  SseEvent event;
  event.type = event_type_.empty() ? "message" : event_type_;
  event.data = std::move(data_);
  event.last_event_id = last_event_id_;
  data_.clear();
  event_type_.clear();
  on_event_(event);
}

}  // namespace toolkit
