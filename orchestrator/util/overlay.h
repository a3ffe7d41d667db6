// Laying one set of optional settings over another: a value set on top replaces the one below.
#pragma once

#include <optional>

namespace benchctl::util {

template <class T>
void lay_over(std::optional<T>& below, const std::optional<T>& top) {
  if (top)
    below = top;
}

}  // namespace benchctl::util
