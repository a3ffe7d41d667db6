// CPU lists as Linux writes them (util/cpu_set.h), and this process's affinity.
#include "util/cpu_set.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace benchctl {
namespace {

using util::CpuSet;

TEST(CpuSet, ReadsAndWritesLinuxCpuLists) {
  EXPECT_EQ(CpuSet::parse("0-3,8,10-11\n", "x").cpus(), (std::vector<int>{0, 1, 2, 3, 8, 10, 11}));
  EXPECT_EQ(CpuSet::parse("0-3,8,10-11", "x").to_string(), "0-3,8,10-11");
  EXPECT_EQ(CpuSet({3, 1, 2, 1}).to_string(), "1-3");
  EXPECT_EQ(CpuSet({0, 2, 4}).to_string(), "0,2,4");
  EXPECT_TRUE(CpuSet::parse("", "x").empty());
  EXPECT_TRUE(CpuSet::parse("\n", "x").empty()) << "the isolated file of a machine with none";
  EXPECT_EQ(CpuSet::parse("0-3", "x").without(CpuSet({1, 2})).to_string(), "0,3");
  EXPECT_EQ(CpuSet({1}).with(CpuSet({3, 2})).to_string(), "1-3");
  EXPECT_TRUE(CpuSet({1, 5}).contains(5));
  EXPECT_FALSE(CpuSet({1, 5}).contains(3));
}

TEST(CpuSet, RefusesWhatIsNotACpuList) {
  for (const char* text : {"a", "1,", ",1", "3-1", "1-", "-1", "1--2", "1 2", "99999", "1.5"}) {
    try {
      CpuSet::parse(text, "--affinity");
      ADD_FAILURE() << text;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()),
                "--affinity is '" + std::string(text) +
                    "', expected a list of CPUs such as 1 or 0,2-3 (numbers 0 to 1023)");
    }
  }
}

TEST(CpuSet, ThisProcessCanBePinnedAndUnpinned) {
  const CpuSet all = util::allowed_cpus();
  ASSERT_FALSE(all.empty());
  const CpuSet last({all.cpus().back()});
  util::pin_this_process(last);
  EXPECT_EQ(util::allowed_cpus(), last);
  util::pin_this_process(all);
  EXPECT_EQ(util::allowed_cpus(), all);
  EXPECT_THROW(util::pin_this_process(CpuSet()), Error);
  EXPECT_THROW(util::pin_this_process(CpuSet({1023})), Error) << "no such CPU here";
  EXPECT_EQ(util::allowed_cpus(), all) << "a refused pin changes nothing";
}

}  // namespace
}  // namespace benchctl
