// An arithmetic expression evaluator, as an agent's calculator tool needs: + - * / % ^,
// parentheses, unary signs, decimal and exponent literals, the constants pi and e, and the
// functions sqrt abs ln log10 exp sin cos tan floor ceil round min max pow.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace toolkit {

// A malformed expression or an impossible operation; the message names the position (0-based).
class CalculatorError : public std::runtime_error {
 public:
  CalculatorError(const std::string& message, std::size_t position);
  std::size_t position() const { return position_; }

 private:
  std::size_t position_;
};

double evaluate(std::string_view expression);

}  // namespace toolkit
