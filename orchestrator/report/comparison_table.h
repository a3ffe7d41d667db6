// A comparison as one table model (report/table.h): a row per benchmark, the counts' and pairs'
// columns when some benchmark has them, and CSV's geometric-mean rows. comparison_report renders
// it in each format.
#pragma once

#include "analysis/comparison.h"
#include "report/format.h"
#include "report/table.h"

namespace benchctl::report {

Table comparison_table(const analysis::RunComparison& comparison, const Style& style);

// CSV's rows "(geometric mean)" and "(geometric mean: PLUGIN)" after the benchmarks.
Table with_geometric_means(Table table, const analysis::RunComparison& comparison);

}  // namespace benchctl::report
