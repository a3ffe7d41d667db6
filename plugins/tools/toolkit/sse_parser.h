// A Server-Sent Events parser following the WHATWG HTML "event stream" rules: lines end in CRLF,
// LF or CR (also split across chunks); comments start with ':'; the fields are event, data (one
// or more lines, joined with LF), id and retry; a blank line dispatches the event.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace toolkit {

struct SseEvent {
  std::string type = "message";
  std::string data;
  std::string last_event_id;
};

class SseParser {
 public:
  using Handler = std::function<void(const SseEvent&)>;
  explicit SseParser(Handler on_event) : on_event_(std::move(on_event)) {}

  // Feeds the next chunk of the stream, in any split.
  void feed(std::string_view chunk);
  // The stream ended: an event without its final blank line is discarded, as the spec says.
  void finish();

  std::optional<std::int64_t> retry_ms() const { return retry_ms_; }
  const std::string& last_event_id() const { return last_event_id_; }

 private:
  void process_line(std::string_view line);
  void dispatch();

  Handler on_event_;
  std::string line_;      // a line split across chunks
  bool skip_lf_ = false;  // the previous chunk ended in CR: a leading LF belongs to it
  std::string event_type_;
  std::string data_;
  std::string last_event_id_;
  std::optional<std::int64_t> retry_ms_;
};

}  // namespace toolkit
