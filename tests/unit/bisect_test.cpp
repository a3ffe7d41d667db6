// The search of benchctl bisect over commits whose figures are known: the culprit at every place,
// in log2 builds; commits that do not build skipped; the bound on builds; nothing to find.
#include <gtest/gtest.h>

#include <set>

#include "util/error.h"
#include "workflow/bisect.h"

namespace benchctl::workflow {
namespace {

// 16 commits c0..c15: "sum" 3% slower from `culprit` on, "steady" never; `broken` do not build.
class Commits final : public Prober {
 public:
  Commits(std::size_t culprit, std::set<std::size_t> broken)
      : culprit_(culprit), broken_(std::move(broken)) {
    for (std::size_t i = 0; i < 16; ++i)
      names_.push_back("c" + std::to_string(i));
  }
  Probe probe(const std::string& commit) override {
    const std::size_t index = std::stoul(commit.substr(1));
    probed.push_back(index);
    Probe probe;
    probe.commit = commit;
    if (broken_.contains(index)) {
      probe.why_not = "the build exited with status 1";
      return probe;
    }
    probe.measured = true;
    probe.run_id = static_cast<std::int64_t>(index) + 100;
    probe.figures = {{"sum", index >= culprit_ ? 1030.0 : 1000.0}, {"steady", 500.0}};
    return probe;
  }
  // The ends as stored runs would give them: no build.
  std::map<std::string, Probe> ends() {
    std::map<std::string, Probe> known = {{"c0", probe("c0")}, {"c15", probe("c15")}};
    probed.clear();
    return known;
  }
  const std::vector<std::string>& names() const { return names_; }
  std::vector<std::size_t> probed;

 private:
  std::size_t culprit_;
  std::set<std::size_t> broken_;
  std::vector<std::string> names_;
};

TEST(Bisect, NamesTheCulpritWhereverItIsInFourBuildsWhenTheEndsAreStoredRuns) {
  for (std::size_t culprit = 1; culprit < 16; ++culprit) {
    Commits commits(culprit, {});
    const BisectResult result = bisect(commits.names(), commits, commits.ends(), {});
    EXPECT_EQ(result.end, BisectEnd::found) << culprit;
    EXPECT_EQ(result.culprit, "c" + std::to_string(culprit));
    EXPECT_EQ(result.last_good, "c" + std::to_string(culprit - 1));
    EXPECT_LE(result.builds, 4u) << culprit;
    EXPECT_EQ(result.moved, std::vector<std::string>{"sum"}) << "steady did not move";
  }
}

TEST(Bisect, BuildsTheEndsWhenTheyAreCommits) {
  Commits commits(6, {});
  const BisectResult result = bisect(commits.names(), commits, {}, {});
  EXPECT_EQ(result.culprit, "c6");
  EXPECT_EQ(commits.probed.front(), 0u);
  EXPECT_EQ(commits.probed[1], 15u);
  EXPECT_LE(result.builds, 6u);
  EXPECT_TRUE(result.probes[0].measured && !result.probes[0].new_level);
  EXPECT_TRUE(result.probes[1].new_level);
}

TEST(Bisect, ACommitThatDoesNotBuildIsSkipped) {
  Commits commits(11, {7});  // the first middle
  const BisectResult result = bisect(commits.names(), commits, commits.ends(), {});
  EXPECT_EQ(result.end, BisectEnd::found);
  EXPECT_EQ(result.culprit, "c11");
  EXPECT_EQ(commits.probed.front(), 7u);
  EXPECT_FALSE(result.probes[2].measured);
  EXPECT_LE(result.builds, 5u);
}

TEST(Bisect, UnbuildableNeighboursLeaveARange) {
  Commits commits(8, {7});
  const BisectResult result = bisect(commits.names(), commits, commits.ends(), {});
  EXPECT_EQ(result.end, BisectEnd::range);
  EXPECT_EQ(result.first_candidate, "c7");
  EXPECT_EQ(result.culprit, "c8");
  EXPECT_EQ(result.last_good, "c6");
}

TEST(Bisect, StopsAtMaxBuildsWithTheRangeLeft) {
  Commits commits(9, {});
  BisectOptions options;
  options.max_builds = 2;
  const BisectResult result = bisect(commits.names(), commits, commits.ends(), options);
  EXPECT_EQ(result.builds, 2u);
  EXPECT_EQ(result.end, BisectEnd::range);
  EXPECT_EQ(result.culprit, "c11");
  EXPECT_EQ(result.last_good, "c7");
}

TEST(Bisect, NothingMovedIsSaidAndNothingIsBuilt) {
  Commits commits(99, {});
  const BisectResult result = bisect(commits.names(), commits, commits.ends(), {});
  EXPECT_EQ(result.end, BisectEnd::no_change);
  EXPECT_EQ(result.builds, 0u);
}

TEST(Bisect, AnEndThatCannotBeMeasuredIsAnInputError) {
  Commits commits(5, {15});
  EXPECT_THROW(bisect(commits.names(), commits, {}, {}), InputError);
  EXPECT_THROW(bisect({"c0"}, commits, {}, {}), InputError);
}

}  // namespace
}  // namespace benchctl::workflow
