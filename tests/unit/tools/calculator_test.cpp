#include "toolkit/calculator.h"

#include <gtest/gtest.h>

#include <cmath>

namespace toolkit {
namespace {

TEST(Calculator, EvaluatesTheSeedExpressions) {
  EXPECT_DOUBLE_EQ(evaluate("2 + 2"), 4);
  EXPECT_DOUBLE_EQ(evaluate("(10 + 5) * 3 - 8 / 2"), 41);
}

TEST(Calculator, RespectsPrecedenceAndAssociativity) {
  EXPECT_DOUBLE_EQ(evaluate("2 + 3 * 4"), 14);
  EXPECT_DOUBLE_EQ(evaluate("10 - 4 - 3"), 3);
  EXPECT_DOUBLE_EQ(evaluate("2 ^ 3 ^ 2"), 512);
  EXPECT_DOUBLE_EQ(evaluate("-2 ^ 2"), -4);
  EXPECT_DOUBLE_EQ(evaluate("7 % 4"), 3);
  EXPECT_DOUBLE_EQ(evaluate("--3"), 3);
  EXPECT_DOUBLE_EQ(evaluate("1.5e2 / 3"), 50);
}

TEST(Calculator, KnowsFunctionsAndConstants) {
  EXPECT_DOUBLE_EQ(evaluate("sqrt(16) + abs(-2)"), 6);
  EXPECT_DOUBLE_EQ(evaluate("max(3, min(10, 7))"), 7);
  EXPECT_NEAR(evaluate("cos(pi)"), -1, 1e-12);
  EXPECT_NEAR(evaluate("ln(e)"), 1, 1e-12);
  EXPECT_DOUBLE_EQ(evaluate("pow(2, 10)"), 1024);
}

TEST(Calculator, ReportsErrorsWithTheirPosition) {
  auto message = [](const char* expression) {
    try {
      evaluate(expression);
    } catch (const CalculatorError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("1 / 0"), "division by zero at position 3");
  EXPECT_EQ(message("2 +"), "unexpected end of expression at position 3");
  EXPECT_EQ(message("(1 + 2"), "expected ')' at position 6");
  EXPECT_EQ(message("2 $ 3"), "unexpected '$' at position 2");
  EXPECT_EQ(message("foo(1)"), "unknown function 'foo' at position 0");
  EXPECT_EQ(message("tau"), "unknown constant 'tau' at position 0");
  EXPECT_EQ(message("sqrt(-1)"), "square root of a negative number at position 0");
  EXPECT_EQ(message("max(1)"), "max takes two arguments at position 0");
}

}  // namespace
}  // namespace toolkit
