#include "kernel/tool_registry.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <numeric>
#include <sstream>

#include "toolkit/calculator.h"
#include "toolkit/encoding.h"
#include "toolkit/sse_parser.h"
#include "toolkit/truncation.h"

namespace kernel {
namespace {

using nlohmann::json;

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Argument accessors that name the tool and the argument when it is missing or mistyped.
const json& argument(const json& arguments, const std::string& tool, const char* name) {
  if (!arguments.is_object() || !arguments.contains(name)) {
    throw ToolError(tool + ": missing argument '" + name + "'");
  }
  return arguments[name];
}

std::string text_argument(const json& arguments, const std::string& tool,
                          const char* name = "text") {
  const json& value = argument(arguments, tool, name);
  if (!value.is_string())
    throw ToolError(tool + ": argument '" + name + "' must be a string");
  return value.get<std::string>();
}

double number_argument(const json& arguments, const std::string& tool, const char* name) {
  const json& value = argument(arguments, tool, name);
  if (!value.is_number())
    throw ToolError(tool + ": argument '" + name + "' must be a number");
  return value.get<double>();
}

std::vector<double> numbers_argument(const json& arguments, const std::string& tool) {
  const json& value = argument(arguments, tool, "numbers");
  if (!value.is_array() || value.empty())
    throw ToolError(tool + ": argument 'numbers' must be a non-empty list");
  std::vector<double> numbers;
  for (const json& item : value) {
    if (!item.is_number())
      throw ToolError(tool + ": argument 'numbers' must hold numbers only");
    numbers.push_back(item.get<double>());
  }
  return numbers;
}

using TextFunction = std::string (*)(const std::string&);

void add_text_tool(ToolRegistry& registry, const char* name, const char* description,
                   TextFunction function) {
  registry.add({name, "text", description, [name, function](const json& a) {
                  return json(function(text_argument(a, name)));
                }});
}

void add_math_tool(ToolRegistry& registry, const char* name, const char* description,
                   double (*function)(const std::vector<double>&)) {
  registry.add({name, "math", description, [name, function](const json& a) {
                  return json(function(numbers_argument(a, name)));
                }});
}

std::string hex_encode(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string hex_decode(const std::string& text) {
  if (text.size() % 2 != 0)
    throw ToolError("hex_decode: odd number of digits");
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_value(text[i]), low = hex_value(text[i + 1]);
    if (high < 0 || low < 0)
      throw ToolError("hex_decode: '" + text.substr(i, 2) + "' is not hexadecimal");
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::string url_encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%' + hex_encode(std::string(1, static_cast<char>(c)));
    }
  }
  return out;
}

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size())
        throw ToolError("url_decode: incomplete escape at the end");
      out += hex_decode(text.substr(i + 1, 2));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;)
    out.push_back(word);
  return out;
}

}  // namespace

void ToolRegistry::add(Tool tool) {
  if (index_.contains(tool.name))
    throw ToolError("tool '" + tool.name + "' is already registered");
  index_.emplace(tool.name, tools_.size());
  tools_.push_back(std::move(tool));
}

const Tool* ToolRegistry::find(const std::string& name) const {
  const auto found = index_.find(name);
  return found == index_.end() ? nullptr : &tools_[found->second];
}

std::vector<const Tool*> ToolRegistry::search(const std::string& text) const {
  const std::string needle = lowered(text);
  std::vector<const Tool*> matches;
  for (const Tool& tool : tools_) {
    if (lowered(tool.name).find(needle) != std::string::npos ||
        lowered(tool.description).find(needle) != std::string::npos) {
      matches.push_back(&tool);
    }
  }
  return matches;
}

std::vector<const Tool*> ToolRegistry::list(const std::string& category) const {
  std::vector<const Tool*> tools;
  for (const Tool& tool : tools_) {
    if (category.empty() || tool.category == category)
      tools.push_back(&tool);
  }
  return tools;
}

void add_builtin_tools(ToolRegistry& registry) {
  // The toolkit's tools (plugins/tools), shared rather than copied.
  registry.add({"calculator", "math", "Evaluates an arithmetic expression", [](const json& a) {
                  try {
                    return json(toolkit::evaluate(text_argument(a, "calculator", "input")));
                  } catch (const toolkit::CalculatorError& e) {
                    throw ToolError(std::string("calculator: ") + e.what());
                  }
                }});
  registry.add(
      {"truncate_head", "text", "Keeps the first lines of a long output", [](const json& a) {
         const auto t = toolkit::truncate_head(text_argument(a, "truncate_head"));
         return json{{"content", std::string(t.content)},
                     {"total_lines", t.total_lines},
                     {"truncated", t.truncated}};
       }});
  registry.add(
      {"truncate_tail", "text", "Keeps the last lines of a long output", [](const json& a) {
         const auto t = toolkit::truncate_tail(text_argument(a, "truncate_tail"));
         return json{{"content", std::string(t.content)},
                     {"total_lines", t.total_lines},
                     {"truncated", t.truncated}};
       }});
  registry.add(
      {"sse_parse", "data", "Parses a server-sent event stream into events", [](const json& a) {
         json events = json::array();
         toolkit::SseParser parser([&](const toolkit::SseEvent& e) {
           events.push_back({{"event", e.type}, {"data", e.data}, {"id", e.last_event_id}});
         });
         parser.feed(text_argument(a, "sse_parse"));
         parser.finish();
         return events;
       }});
  registry.add({"hash_sha256", "crypto", "SHA-256 of a text, in hex", [](const json& a) {
                  return json(toolkit::sha256_hex(text_argument(a, "hash_sha256")));
                }});
  registry.add({"base64_encode", "encoding", "Encodes text as Base64", [](const json& a) {
                  return json(toolkit::base64_encode(text_argument(a, "base64_encode")));
                }});
  registry.add({"base64_decode", "encoding", "Decodes Base64 to text", [](const json& a) {
                  try {
                    return json(toolkit::base64_decode(text_argument(a, "base64_decode")));
                  } catch (const std::invalid_argument& e) {
                    throw ToolError(std::string("base64_decode: ") + e.what());
                  }
                }});
  registry.add({"uuid_generator", "system", "Generates a random UUID",
                [](const json&) { return json(toolkit::uuid_v4()); }});

  add_text_tool(registry, "uppercase", "Converts text to upper case", [](const std::string& s) {
    std::string out = s;
    for (char& c : out)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  });
  add_text_tool(registry, "lowercase", "Converts text to lower case",
                [](const std::string& s) { return lowered(s); });
  add_text_tool(registry, "reverse", "Reverses text",
                [](const std::string& s) { return std::string(s.rbegin(), s.rend()); });
  add_text_tool(registry, "trim", "Removes leading and trailing blanks", [](const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
      return std::string();
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  });
  add_text_tool(registry, "slugify", "Makes a URL slug of a title", [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c)) {
        out += static_cast<char>(std::tolower(c));
      } else if (!out.empty() && out.back() != '-') {
        out += '-';
      }
    }
    while (!out.empty() && out.back() == '-')
      out.pop_back();
    return out;
  });
  add_text_tool(registry, "title_case", "Capitalizes each word", [](const std::string& s) {
    std::string out = s;
    bool start = true;
    for (char& c : out) {
      c = static_cast<char>(start ? std::toupper(static_cast<unsigned char>(c))
                                  : std::tolower(static_cast<unsigned char>(c)));
      start = std::isspace(static_cast<unsigned char>(c)) != 0;
    }
    return out;
  });
  add_text_tool(registry, "hex_encode", "Encodes text as hexadecimal", hex_encode);
  add_text_tool(registry, "hex_decode", "Decodes hexadecimal to text", hex_decode);
  add_text_tool(registry, "url_encode", "Percent-encodes text for a URL", url_encode);
  add_text_tool(registry, "url_decode", "Decodes a percent-encoded URL component", url_decode);
  add_text_tool(registry, "collapse_whitespace", "Collapses runs of blanks into one space",
                [](const std::string& s) {
                  std::string out;
                  for (const std::string& w : words(s))
                    out += (out.empty() ? "" : " ") + w;
                  return out;
                });
  add_text_tool(registry, "remove_digits", "Removes every digit", [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c)))
        out += c;
    }
    return out;
  });

  for (const auto& [name, description] :
       std::vector<std::pair<const char*, const char*>>{{"word_count", "Counts words"},
                                                        {"char_count", "Counts characters"},
                                                        {"line_count", "Counts lines"}}) {
    const std::string tool = name;
    registry.add({tool, "text", description, [tool](const json& a) {
                    const std::string text = text_argument(a, tool);
                    if (tool == "word_count")
                      return json(words(text).size());
                    if (tool == "char_count")
                      return json(text.size());
                    return json(toolkit::count_lines(text));
                  }});
  }
  registry.add({"contains", "text", "Whether a text contains a substring", [](const json& a) {
                  return json(
                      text_argument(a, "contains").find(text_argument(a, "contains", "needle")) !=
                      std::string::npos);
                }});
  registry.add({"replace", "text", "Replaces every occurrence of a substring", [](const json& a) {
                  std::string text = text_argument(a, "replace");
                  const std::string from = text_argument(a, "replace", "from");
                  const std::string to = text_argument(a, "replace", "to");
                  if (from.empty())
                    throw ToolError("replace: argument 'from' must not be empty");
                  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos;
                       at += to.size()) {
                    text.replace(at, from.size(), to);
                  }
                  return json(text);
                }});
  registry.add({"split", "text", "Splits text on a separator", [](const json& a) {
                  const std::string text = text_argument(a, "split");
                  const std::string separator = text_argument(a, "split", "separator");
                  if (separator.empty())
                    throw ToolError("split: argument 'separator' must not be empty");
                  json parts = json::array();
                  std::size_t start = 0;
                  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos;
                       start = at + separator.size()) {
                    parts.push_back(text.substr(start, at - start));
                  }
                  parts.push_back(text.substr(start));
                  return parts;
                }});
  registry.add({"repeat", "text", "Repeats text n times", [](const json& a) {
                  const double times = number_argument(a, "repeat", "times");
                  if (times < 0 || times > 10000)
                    throw ToolError("repeat: argument 'times' must be within 0..10000");
                  std::string out;
                  for (int i = 0; i < static_cast<int>(times); ++i)
                    out += text_argument(a, "repeat");
                  return json(out);
                }});

  add_math_tool(registry, "sum", "Adds numbers", [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
  });
  add_math_tool(registry, "mean", "Averages numbers", [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  });
  add_math_tool(registry, "min", "Smallest number",
                [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
  add_math_tool(registry, "max", "Largest number",
                [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
  add_math_tool(registry, "product", "Multiplies numbers", [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 1.0, std::multiplies<>());
  });
  add_math_tool(registry, "range", "Largest minus smallest", [](const std::vector<double>& v) {
    const auto [low, high] = std::minmax_element(v.begin(), v.end());
    return *high - *low;
  });
  add_math_tool(registry, "median", "Middle number", [](const std::vector<double>& v) {
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  });
  add_math_tool(registry, "stddev", "Sample standard deviation", [](const std::vector<double>& v) {
    if (v.size() < 2)
      return 0.0;
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double squares = 0;
    for (double x : v)
      squares += (x - m) * (x - m);
    return std::sqrt(squares / static_cast<double>(v.size() - 1));
  });
  registry.add({"sort_numbers", "math", "Sorts numbers ascending", [](const json& a) {
                  std::vector<double> v = numbers_argument(a, "sort_numbers");
                  std::sort(v.begin(), v.end());
                  return json(v);
                }});
  registry.add({"round", "math", "Rounds to a number of decimals", [](const json& a) {
                  const double scale = std::pow(10.0, number_argument(a, "round", "decimals"));
                  return json(std::round(number_argument(a, "round", "value") * scale) / scale);
                }});
  registry.add({"clamp", "math", "Limits a number to a range", [](const json& a) {
                  const double low = number_argument(a, "clamp", "low"),
                               high = number_argument(a, "clamp", "high");
                  if (low > high)
                    throw ToolError("clamp: 'low' is above 'high'");
                  return json(std::clamp(number_argument(a, "clamp", "value"), low, high));
                }});
  registry.add({"percent", "math", "What percentage a part is of a whole", [](const json& a) {
                  const double whole = number_argument(a, "percent", "whole");
                  if (whole == 0)
                    throw ToolError("percent: 'whole' is zero");
                  return json(number_argument(a, "percent", "part") / whole * 100.0);
                }});

  registry.add({"json_parse", "data", "Parses JSON text", [](const json& a) {
                  const auto parsed = json::parse(text_argument(a, "json_parse"), nullptr, false);
                  if (parsed.is_discarded())
                    throw ToolError("json_parse: not valid JSON");
                  return parsed;
                }});
  registry.add({"json_get", "data", "Reads a value by JSON pointer", [](const json& a) {
                  const json& document = argument(a, "json_get", "document");
                  try {
                    return document.at(json::json_pointer(text_argument(a, "json_get", "pointer")));
                  } catch (const json::exception& e) {
                    throw ToolError(std::string("json_get: ") + e.what());
                  }
                }});
  registry.add({"json_keys", "data", "Lists an object's keys", [](const json& a) {
                  const json& document = argument(a, "json_keys", "document");
                  if (!document.is_object())
                    throw ToolError("json_keys: 'document' must be an object");
                  json keys = json::array();
                  for (const auto& [key, value] : document.items())
                    keys.push_back(key);
                  return keys;
                }});
  registry.add({"json_length", "data", "Counts a list's items or an object's keys",
                [](const json& a) { return json(argument(a, "json_length", "document").size()); }});
  registry.add({"json_minify", "data", "Writes JSON without blanks",
                [](const json& a) { return json(argument(a, "json_minify", "document").dump()); }});
  registry.add({"json_pretty", "data", "Writes JSON indented", [](const json& a) {
                  return json(argument(a, "json_pretty", "document").dump(2));
                }});
  registry.add({"timestamp_iso", "system", "Formats seconds since the epoch as ISO 8601 UTC",
                [](const json& a) {
                  const auto seconds =
                      static_cast<std::time_t>(number_argument(a, "timestamp_iso", "seconds"));
                  std::tm utc{};
                  gmtime_r(&seconds, &utc);
                  char buffer[32];
                  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
                  return json(std::string(buffer));
                }});
  registry.add({"echo", "system", "Returns its arguments", [](const json& a) { return a; }});
}

}  // namespace kernel
