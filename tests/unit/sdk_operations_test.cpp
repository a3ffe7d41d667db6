// The SDK's load operations (benchctl::add_operation) across the C boundary: what a plugin's
// operation returns or throws becomes a success or a message, never an exception.
#include <benchctl/plugin.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace benchctl {
namespace {

TEST(SdkOperations, ReturnValuesAndExceptionsBecomeSuccessOrAMessage) {
  detail::operations().clear();
  detail::current_plugin_name() = "sdk";
  int calls = 0;
  add_operation("void", [&] { ++calls; });
  add_operation("true", [] { return true; });
  add_operation("false", [] { return false; });
  add_operation("throws", []() -> bool { throw std::runtime_error("queue full"); });
  add_operation("throws-int", []() -> bool { throw 42; });

  EXPECT_STREQ(detail::operation_name(0), "sdk/void");
  EXPECT_STREQ(detail::operation_name(4), "sdk/throws-int");
  EXPECT_EQ(detail::operation_name(5), nullptr);
  EXPECT_EQ(detail::call_operation(0), nullptr);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(detail::call_operation(1), nullptr);
  EXPECT_STREQ(detail::call_operation(2), "the operation returned false");
  EXPECT_STREQ(detail::call_operation(3), "queue full");
  EXPECT_STREQ(detail::call_operation(4), "threw an exception that is not a std::exception");
  EXPECT_STREQ(detail::call_operation(5), "no such operation");
  detail::operations().clear();
}

}  // namespace
}  // namespace benchctl
