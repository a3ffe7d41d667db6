#include "toolkit/calculator.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>
#include <vector>

namespace toolkit {
namespace {

// Recursive descent over the grammar:
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/' | '%') unary)*
//   unary      := ('+' | '-') unary | power
//   power      := primary ('^' unary)?            right-associative, binds tighter than unary minus
//   primary    := number | name | name '(' arguments ')' | '(' expression ')'
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  double parse() {
    const double value = expression();
    skip_spaces();
    if (position_ < text_.size())
      fail(std::string("unexpected '") + text_[position_] + "'");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw CalculatorError(what, position_); }

  void skip_spaces() {
    while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t'))
      ++position_;
  }

  bool accept(char c) {
    skip_spaces();
    if (position_ < text_.size() && text_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }

  double expression() {
    double value = term();
    while (true) {
      if (accept('+')) {
        value += term();
      } else if (accept('-')) {
        value -= term();
      } else {
        return value;
      }
    }
  }

  double term() {
    double value = unary();
    while (true) {
      if (accept('*')) {
        value *= unary();
      } else if (accept('/')) {
        const std::size_t at = position_;
        const double divisor = unary();
        if (divisor == 0)
          throw CalculatorError("division by zero", at);
        value /= divisor;
      } else if (accept('%')) {
        const std::size_t at = position_;
        const double divisor = unary();
        if (divisor == 0)
          throw CalculatorError("modulo by zero", at);
        value = std::fmod(value, divisor);
      } else {
        return value;
      }
    }
  }

  double unary() {
    if (accept('-'))
      return -unary();
    if (accept('+'))
      return unary();
    return power();
  }

  double power() {
    const double base = primary();
    if (accept('^'))
      return std::pow(base, unary());
    return base;
  }

  double primary() {
    skip_spaces();
    if (position_ >= text_.size())
      fail("unexpected end of expression");
    if (accept('(')) {
      const double value = expression();
      if (!accept(')'))
        fail("expected ')'");
      return value;
    }
    const char c = text_[position_];
    if ((c >= '0' && c <= '9') || c == '.')
      return number();
    if (std::isalpha(static_cast<unsigned char>(c)))
      return name();
    fail(std::string("unexpected '") + c + "'");
  }

  double number() {
    double value = 0;
    const char* begin = text_.data() + position_;
    const auto [end, error] = std::from_chars(begin, text_.data() + text_.size(), value);
    if (error != std::errc())
      fail("malformed number");
    position_ += static_cast<std::size_t>(end - begin);
    return value;
  }

  double name() {
    const std::size_t start = position_;
    while (
        position_ < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[position_])) || text_[position_] == '_')) {
      ++position_;
    }
    const std::string_view word = text_.substr(start, position_ - start);
    if (!accept('(')) {
      if (word == "pi")
        return std::numbers::pi;
      if (word == "e")
        return std::numbers::e;
      throw CalculatorError("unknown constant '" + std::string(word) + "'", start);
    }
    std::vector<double> arguments{expression()};
    while (accept(','))
      arguments.push_back(expression());
    if (!accept(')'))
      fail("expected ')' after the arguments of " + std::string(word));
    return call(word, arguments, start);
  }

  static double call(std::string_view function, const std::vector<double>& a, std::size_t at) {
    auto one = [&](double (*f)(double)) {
      if (a.size() != 1)
        throw CalculatorError(std::string(function) + " takes one argument", at);
      return f(a[0]);
    };
    auto two = [&](double (*f)(double, double)) {
      if (a.size() != 2)
        throw CalculatorError(std::string(function) + " takes two arguments", at);
      return f(a[0], a[1]);
    };
    if (function == "sqrt") {
      if (a.size() == 1 && a[0] < 0)
        throw CalculatorError("square root of a negative number", at);
      return one([](double x) { return std::sqrt(x); });
    }
    if (function == "abs")
      return one([](double x) { return std::fabs(x); });
    if (function == "ln")
      return one([](double x) { return std::log(x); });
    if (function == "log10")
      return one([](double x) { return std::log10(x); });
    if (function == "exp")
      return one([](double x) { return std::exp(x); });
    if (function == "sin")
      return one([](double x) { return std::sin(x); });
    if (function == "cos")
      return one([](double x) { return std::cos(x); });
    if (function == "tan")
      return one([](double x) { return std::tan(x); });
    if (function == "floor")
      return one([](double x) { return std::floor(x); });
    if (function == "ceil")
      return one([](double x) { return std::ceil(x); });
    if (function == "round")
      return one([](double x) { return std::round(x); });
    if (function == "min")
      return two([](double x, double y) { return std::fmin(x, y); });
    if (function == "max")
      return two([](double x, double y) { return std::fmax(x, y); });
    if (function == "pow")
      return two([](double x, double y) { return std::pow(x, y); });
    throw CalculatorError("unknown function '" + std::string(function) + "'", at);
  }

  std::string_view text_;
  std::size_t position_ = 0;
};

}  // namespace

CalculatorError::CalculatorError(const std::string& message, std::size_t position)
    : std::runtime_error(message + " at position " + std::to_string(position)),
      position_(position) {}

double evaluate(std::string_view expression) {
  return Parser(expression).parse();
}

}  // namespace toolkit
