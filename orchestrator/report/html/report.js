// benchctl's HTML report: draws the data embedded in the page (benchctl.html/1) with Chart.js.
// Every text from the data goes into the page as text (textContent), never as markup, so that
// any benchmark name, label or note shows as written.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('benchctl-data').textContent);
  const main = document.getElementById('report');
  const charts = [];
  const pendingPlots = [];
  // Plots drawn as the page opens; the others are drawn when they scroll into view.
  const kEagerPlots = 40;
  // A forest plot shows at most this many benchmarks: the ones that moved, then the largest.
  const kForestRows = 60;

  // ---- elements ------------------------------------------------------------------------------

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function section(title) {
    const node = element('section', {}, element('h2', {}, title));
    main.append(node);
    return node;
  }

  function badge(text) {
    const slug = String(text).toLowerCase().replace(/[^a-z]+/g, '-');
    return element('span', { class: 'badge ' + slug }, text);
  }

  function anchorFor(kind, index) {
    return kind + '-' + index;
  }

  // ---- units humans read ---------------------------------------------------------------------

  const timeUnits = [
    ['s', 1],
    ['ms', 1e-3],
    ['µs', 1e-6],
    ['ns', 1e-9],
  ];

  // The unit a set of values reads best in: its scale, its name, and a formatter.
  function scaleFor(unit, values) {
    const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
    const typical = finite.length ? finite.sort((a, b) => a - b)[Math.floor(finite.length / 2)] : 1;
    if (unit === 'seconds') {
      const [name, factor] = timeUnits.find(([, f]) => typical >= f) || timeUnits[timeUnits.length - 1];
      return { factor, name, format: (v) => formatNumber(v / factor) + ' ' + name };
    }
    if (unit === 'bytes') {
      const steps = [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10], ['B', 1]];
      const [name, factor] = steps.find(([, f]) => typical >= f) || steps[steps.length - 1];
      return { factor, name, format: (v) => formatNumber(v / factor) + ' ' + name };
    }
    if (unit === 'ratio') return { factor: 1, name: '× usual level', format: (v) => formatNumber(v) + '×' };
    if (unit === 'share') return { factor: 0.01, name: '%', format: (v) => (v * 100).toFixed(2) + '%' };
    if (unit === 'per second') return { factor: 1, name: '/s', format: (v) => formatNumber(v) + '/s' };
    if (unit === 'bytes per minute') {
      const bytes = scaleFor('bytes', values);
      return { factor: bytes.factor, name: bytes.name + '/min', format: (v) => bytes.format(v) + '/min' };
    }
    return { factor: 1, name: unit || '', format: (v) => formatNumber(v) };
  }

  function formatNumber(v) {
    if (!Number.isFinite(v)) return '-';
    const a = Math.abs(v);
    if (a >= 1e6 || (a > 0 && a < 1e-3)) return v.toExponential(2);
    return v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
  }

  function formatValue(unit, v) {
    return v === null || v === undefined ? '-' : scaleFor(unit, [v]).format(v);
  }

  function percent(ratio) {
    if (!Number.isFinite(ratio)) return '-';
    const p = (ratio - 1) * 100;
    return (p >= 0 ? '+' : '') + p.toFixed(1) + '%';
  }

  function unitOf(comparisonUnit) {
    if (comparisonUnit === 'bytes') return 'bytes';
    if (comparisonUnit === 'seconds') return 'seconds';
    return 'instructions';
  }

  // ---- tables --------------------------------------------------------------------------------

  // columns: [{title, numeric}]; rows: [{id, cells: [{text | node, sort}]}]. Click a header to sort.
  function table(columns, rows) {
    const head = element('tr', {});
    const body = element('tbody', {});
    const node = element('table', {}, element('thead', {}, head), body);
    const rowNodes = rows.map((row) => {
      const tr = element('tr', row.id ? { id: row.id } : {});
      row.cells.forEach((cell, i) => {
        const td = element('td', { class: columns[i].numeric ? 'number' : columns[i].name ? 'name' : '' },
          cell.node || cell.text);
        tr.append(td);
      });
      tr.sortKeys = row.cells.map((cell) => (cell.sort !== undefined ? cell.sort : cell.text));
      return tr;
    });
    body.append(...rowNodes);
    columns.forEach((column, i) => {
      const th = element('th', { title: 'sort' }, column.title);
      th.addEventListener('click', () => {
        const descending = th.classList.contains('sorted-asc');
        head.querySelectorAll('th').forEach((h) => h.classList.remove('sorted-asc', 'sorted-desc'));
        th.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
        const sorted = [...body.children].sort((a, b) => {
          const x = a.sortKeys[i], y = b.sortKeys[i];
          const order = typeof x === 'number' && typeof y === 'number'
            ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
          return descending ? -order : order;
        });
        body.append(...sorted);
      });
      head.append(th);
    });
    return node;
  }

  function nameLink(name, plotId) {
    return plotId ? element('a', { href: '#' + plotId }, name) : element('span', {}, name);
  }

  function environmentList(environment) {
    const list = element('dl', { class: 'environment' });
    for (const [key, value] of Object.entries(environment || {})) {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      list.append(element('dt', {}, key), element('dd', {}, text));
    }
    return list;
  }

  function notes(parent, lines) {
    for (const line of lines || []) parent.append(element('p', { class: 'note' }, line));
  }

  // ---- plots ---------------------------------------------------------------------------------

  // Vertical (x) or horizontal (y) reference lines drawn over a chart: noise floor, warn, fail,
  // budgets' limits and change points.
  const referenceLines = {
    id: 'benchctlReferenceLines',
    afterDatasetsDraw(chart, args, options) {
      const { ctx, chartArea } = chart;
      for (const line of options.lines || []) {
        const scale = chart.scales[line.axis];
        if (!scale) continue;
        const pixel = scale.getPixelForValue(line.value);
        ctx.save();
        ctx.strokeStyle = line.colour;
        ctx.lineWidth = 1.5;
        ctx.setLineDash(line.dash || []);
        ctx.beginPath();
        if (line.axis === 'x') {
          if (pixel < chartArea.left || pixel > chartArea.right) { ctx.restore(); continue; }
          ctx.moveTo(pixel, chartArea.top);
          ctx.lineTo(pixel, chartArea.bottom);
        } else {
          if (pixel < chartArea.top || pixel > chartArea.bottom) { ctx.restore(); continue; }
          ctx.moveTo(chartArea.left, pixel);
          ctx.lineTo(chartArea.right, pixel);
        }
        ctx.stroke();
        if (line.label) {
          ctx.fillStyle = line.colour;
          ctx.font = '11px system-ui, sans-serif';
          if (line.axis === 'x') ctx.fillText(line.label, pixel + 3, chartArea.top + 10);
          else ctx.fillText(line.label, chartArea.left + 4, pixel - 3);
        }
        ctx.restore();
      }
    },
  };
  Chart.register(referenceLines);
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';

  // A plot container; `draw(canvas)` makes its chart, now or when it comes into view.
  function plot(parent, id, title, draw, options) {
    const box = element('div', { class: 'canvas-box' });
    const node = element('div', { class: 'plot' + (options && options.wide ? ' wide' : ''), id },
      element('h3', {}, title), box);
    if (options && options.height) box.style.height = options.height + 'px';
    if (options && options.caption) node.append(element('p', { class: 'note' }, options.caption));
    parent.append(node);
    pendingPlots.push({ node, box, draw });
  }

  function drawPlot(pending) {
    if (pending.drawn) return;
    pending.drawn = true;
    const canvas = element('canvas', {});
    pending.box.append(canvas);
    charts.push(pending.draw(canvas));
    document.body.dataset.plots = String(charts.length);
  document.body.dataset.flameGraphs = String(flameGraphs);
  }

  // The first plots now, the rest as they come into view (or all now with #all in the address),
  // so that a page of a thousand benchmarks opens as fast as one of ten.
  function drawPlots() {
    const all = location.hash === '#all' || !('IntersectionObserver' in window);
    const eager = all ? pendingPlots : pendingPlots.slice(0, kEagerPlots);
    eager.forEach(drawPlot);
    const lazy = pendingPlots.filter((p) => !p.drawn);
    if (!lazy.length) return;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        drawPlot(lazy.find((p) => p.node === entry.target));
      }
    }, { rootMargin: '400px' });
    lazy.forEach((p) => observer.observe(p.node));
    // A link to a plot (#plot-7) draws it before the browser scrolls there.
    window.addEventListener('hashchange', () => {
      const target = lazy.find((p) => '#' + p.node.id === location.hash);
      if (target) drawPlot(target);
    });
  }

  // A deterministic jitter so that equal figures do not hide each other.
  function jitter(i) {
    return ((i * 0.6180339887) % 1 - 0.5) * 0.35;
  }

  // The per-process figures of one or two sides as points, one column per side, with `lines`
  // (budget limits) across: the axis stretches to a limit within 10× of the figures; a limit
  // beyond is named under the plot instead.
  function stripPlot(canvas, unit, sides, lines) {
    const values = sides.flatMap((s) => s.values);
    const scale = scaleFor(unit, values);
    const highest = Math.max(...values);
    const near = (lines || []).filter((l) => l.value <= 10 * highest);
    const far = (lines || []).filter((l) => l.value > 10 * highest);
    if (far.length) {
      canvas.parentNode.parentNode.append(element('p', { class: 'note' },
        'Beyond the axis: ' + far.map((l) => l.label).join(', ')));
    }
    const colours = ['#6e7781', '#0969da'];
    const datasets = sides.map((side, s) => ({
      label: side.label + ' (' + side.values.length + ')',
      data: side.values.map((v, i) => ({ x: s + jitter(i), y: v / scale.factor })),
      backgroundColor: colours[s % 2],
      pointRadius: 3,
    }));
    const limit = Math.max(highest, ...near.map((l) => l.value));
    return new Chart(canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        scales: {
          x: {
            min: -0.5, max: sides.length - 0.5,
            afterBuildTicks: (axis) => { axis.ticks = sides.map((side, i) => ({ value: i })); },
            ticks: { callback: (v) => (sides[v] ? sides[v].tick || sides[v].label : '') },
            grid: { display: false },
          },
          y: {
            suggestedMax: (near.length ? limit * 1.05 : limit) / scale.factor,
            title: { display: true, text: scale.name + ' per process' },
          },
        },
        plugins: {
          tooltip: { callbacks: { label: (item) => scale.format(item.parsed.y * scale.factor) } },
          benchctlReferenceLines: {
            lines: near.map((l) => ({ ...l, value: l.value / scale.factor })),
          },
        },
      },
    });
  }

  // The change of every benchmark with its interval, in percent, with the policy's lines.
  function forestPlot(canvas, rows, policy) {
    const labels = rows.map((r) => r.name);
    const colour = (r) => ({ regression: '#cf222e', slower: '#bc4c00', improved: '#0969da',
      'no change': '#1a7f37' })[r.verdict] || '#6e7781';
    const lines = [{ axis: 'x', value: 0, colour: '#1f2328' }];
    if (policy) {
      for (const [value, label, colour2, dash] of [
        [policy.noise_floor, 'noise floor', '#6e7781', [2, 3]],
        [policy.warn, 'warn', '#bc4c00', [6, 3]],
        [policy.fail, 'fail', '#cf222e', [6, 3]],
      ]) {
        if (!(value > 0)) continue;
        lines.push({ axis: 'x', value: value * 100, colour: colour2, dash });
        lines.push({ axis: 'x', value: -value * 100, colour: colour2, dash });
      }
    }
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            label: 'interval',
            data: rows.map((r) => [(r.interval[0] - 1) * 100, (r.interval[1] - 1) * 100]),
            backgroundColor: rows.map((r) => colour(r) + '66'),
            borderColor: rows.map(colour),
            borderWidth: 1,
            barPercentage: 0.5,
          },
          {
            type: 'line',
            label: 'change',
            data: rows.map((r) => (r.ratio - 1) * 100),
            showLine: false,
            pointRadius: 4,
            pointBackgroundColor: rows.map(colour),
            borderColor: rows.map(colour),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { title: { display: true, text: 'change, % (interval)' } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const r = rows[item.dataIndex];
                return r.verdict + ': ' + percent(r.ratio) + ' [' + percent(r.interval[0]) + ', ' +
                  percent(r.interval[1]) + ']';
              },
            },
          },
          benchctlReferenceLines: { lines },
        },
      },
    });
  }

  function policyText(policy) {
    const p = (x) => (x * 100).toFixed(1).replace(/\.0$/, '') + '%';
    return p(policy.noise_floor) + ' (dotted, grey): the noise floor; ±' + p(policy.warn) +
      ' (dashed, orange): warn; ±' + p(policy.fail) + ' (dashed, red): fail.';
  }

  // A benchmark's medians run by run with their intervals; change points as vertical lines.
  function seriesPlot(canvas, series) {
    const unit = series.unit;
    const scale = scaleFor(unit, series.points.map((p) => p.median));
    const labels = series.points.map((p) => String(p.run));
    const lines = series.change_points.map((c) => ({
      axis: 'x', value: c.index - 0.5, colour: c.ratio > 1 ? '#cf222e' : '#0969da', dash: [5, 3],
      label: percent(c.ratio),
    }));
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'line',
            label: 'median',
            data: series.points.map((p) => p.median / scale.factor),
            borderColor: '#0969da',
            backgroundColor: '#0969da',
            pointRadius: series.points.length > 120 ? 0 : 2,
            borderWidth: 1.5,
          },
          {
            label: 'interval',
            data: series.points.map((p) => [p.interval[0] / scale.factor, p.interval[1] / scale.factor]),
            backgroundColor: '#0969da33',
            barPercentage: 0.4,
          },
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: 'run' }, ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: false, title: { display: true, text: scale.name } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const p = series.points[items[0].dataIndex];
                return 'run ' + p.run + ' · ' + p.started_at + (p.commit ? ' · ' + p.commit.slice(0, 12) : '');
              },
              label: (item) => {
                const p = series.points[item.dataIndex];
                return scale.format(p.median) + ' [' + scale.format(p.interval[0]) + ', ' +
                  scale.format(p.interval[1]) + ']';
              },
            },
          },
          benchctlReferenceLines: { lines },
        },
      },
    });
  }

  // A load test's seconds (of its first process): the latency percentiles of each second on a
  // logarithmic axis, the requests sent and completed on the right, the burst's start and end
  // as lines, the recovery's end when it has one.
  function loadPlot(canvas, load) {
    const seconds = load.seconds.filter((s) => s.process === load.seconds[0].process);
    const latencies = seconds.flatMap((s) => [s.p50, s.p99, s.max]).filter((v) => v > 0);
    const scale = scaleFor('seconds', latencies);
    const labels = seconds.map((s) => String(s.second));
    const line = (label, field, colour, axis, dash) => ({
      type: 'line',
      label,
      data: seconds.map((s) => (s[field] === null ? null : s[field] / (axis === 'y' ? scale.factor : 1))),
      borderColor: colour,
      backgroundColor: colour,
      borderDash: dash || [],
      pointRadius: seconds.length > 120 ? 0 : 2,
      borderWidth: 1.5,
      yAxisID: axis,
      spanGaps: false,
    });
    const lines = [];
    const burst = load.scenario.burst;
    if (burst) {
      lines.push({ axis: 'x', value: burst.at - 0.5, colour: '#bf8700', dash: [5, 3], label: 'burst' });
      lines.push({ axis: 'x', value: burst.at + burst.duration - 0.5, colour: '#bf8700', dash: [5, 3] });
      if (load.recovery_time !== null) {
        lines.push({ axis: 'x', value: burst.at + burst.duration + load.recovery_time - 0.5,
          colour: load.recovered ? '#1a7f37' : '#cf222e', dash: [2, 2],
          label: load.recovered ? 'recovered' : 'not recovered' });
      }
    }
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          line('p50', 'p50', '#0969da', 'y'),
          line('p99', 'p99', '#cf222e', 'y'),
          line('max', 'max', '#8250df', 'y', [4, 3]),
          line('sent / s', 'sent', '#6e7781', 'rate', [2, 2]),
          line('completed / s', 'completed', '#1a7f37', 'rate'),
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: 'second (after the warm-up)' }, ticks: { maxTicksLimit: 20 } },
          y: { type: 'logarithmic', title: { display: true, text: 'latency (' + scale.name + ')' } },
          rate: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
            title: { display: true, text: 'requests per second' } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => {
                const s = seconds[items[0].dataIndex];
                return 'second ' + s.second + ' · ' + s.phase + ' · backlog ' + s.backlog +
                  (s.rss_bytes ? ' · RSS ' + formatValue('bytes', s.rss_bytes) : '');
              },
            },
          },
          benchctlReferenceLines: { lines },
        },
      },
    });
  }

  function loadSection(results) {
    const tests = results.filter((r) => r.load);
    if (!tests.length) return;
    const figure = (f, unit) => (f ? { text: formatValue(unit, f.value), sort: f.value } : { text: '-', sort: -1 });
    const rate = (v) => formatNumber(v) + '/s';
    const part = section('Load tests: each request timed from its intended start');
    part.append(table(
      [{ title: 'Load test', name: true }, { title: 'Target', numeric: true },
        { title: 'Achieved', numeric: true }, { title: 'Success', numeric: true },
        { title: 'p50', numeric: true }, { title: 'p99', numeric: true },
        { title: 'p99.9', numeric: true }, { title: 'Late', numeric: true },
        { title: 'Dropped', numeric: true }, { title: 'Recovery', numeric: true },
        { title: 'RSS slope', numeric: true }, { title: 'Degradation', numeric: true }],
      tests.map((r) => {
        const l = r.load;
        return {
          cells: [
            { node: nameLink(r.name, plotIds.get(r.name)), text: r.name },
            { text: rate(l.scenario.rate), sort: l.scenario.rate },
            l.achieved_rate ? { text: rate(l.achieved_rate.value), sort: l.achieved_rate.value } : { text: '-', sort: -1 },
            l.success_rate === null ? { text: '-', sort: -1 }
              : { text: (l.success_rate * 100).toFixed(2) + '%', sort: l.success_rate },
            figure(l.p50, 'seconds'), figure(l.p99, 'seconds'), figure(l.p999, 'seconds'),
            { text: String(l.late), sort: l.late },
            { text: String(l.dropped), sort: l.dropped },
            l.recovery_time === null ? { text: '-', sort: -1 }
              : { text: (l.recovered ? '' : '> ') + formatValue('seconds', l.recovery_time), sort: l.recovery_time },
            l.rss_slope_bytes_per_minute
              ? { text: formatValue('bytes', l.rss_slope_bytes_per_minute.value) + '/min',
                sort: l.rss_slope_bytes_per_minute.value }
              : { text: '-', sort: -1 },
            l.degradation ? { text: (l.degradation.value * 100).toFixed(1) + '%', sort: l.degradation.value }
              : { text: '-', sort: -1 },
          ],
        };
      })));
    const plots = element('div', { class: 'plots' });
    part.append(plots);
    for (const r of tests) {
      if (!r.load.seconds.length) continue;
      plot(plots, plotIds.get(r.name), r.name + ' · every second', (canvas) => loadPlot(canvas, r.load),
        { wide: true, height: 320 });
    }
  }

  // ---- the three reports ---------------------------------------------------------------------

  const timeBudgetMetrics = new Set(['median', 'p50', 'p90', 'p95', 'p99', 'max', 'min', 'mean']);

  function budgetLines(budgets, name) {
    return (budgets || [])
      .filter((b) => b.benchmark === name && timeBudgetMetrics.has(b.metric))
      .map((b) => ({
        axis: 'y', value: b.limit, colour: b.hard ? '#cf222e' : '#bc4c00', dash: [6, 3],
        label: b.metric + ' ≤ ' + formatValue('seconds', b.limit),
      }));
  }

  function budgetTable(budgets) {
    if (!budgets || !budgets.length) return;
    const node = section('Budgets');
    const status = (b) => (b.status === 'beyond' ? (b.hard ? 'beyond hard' : 'beyond soft') : b.status);
    const unitOfBudget = (b) => {
      if (timeBudgetMetrics.has(b.metric) || b.metric === 'p999' || b.metric === 'max_recovery_time') return 'seconds';
      if (b.metric === 'max_rss' || b.metric === 'max_size') return 'bytes';
      if (b.metric === 'max_rss_slope') return 'bytes per minute';
      if (b.metric === 'min_success_rate' || b.metric === 'max_degradation') return 'share';
      if (b.metric === 'min_achieved_rate') return 'per second';
      return '';
    };
    node.append(table(
      [{ title: 'Benchmark', name: true }, { title: 'Budget' }, { title: 'Limit', numeric: true },
        { title: 'Measured', numeric: true }, { title: 'Interval', numeric: true }, { title: 'Status' }],
      budgets.map((b) => ({
        cells: [
          { node: nameLink(b.benchmark, plotIds.get(b.benchmark)), text: b.benchmark },
          { text: b.metric + (b.counter ? ' ' + b.counter : '') + (b.to ? ' of ' + b.to : '') + (b.hard ? '' : ' (soft)') },
          { text: formatValue(unitOfBudget(b), b.limit), sort: b.limit },
          { text: formatValue(unitOfBudget(b), b.value), sort: b.value ?? -1 },
          { text: b.interval ? formatValue(unitOfBudget(b), b.interval[0]) + ' – ' + formatValue(unitOfBudget(b), b.interval[1]) : '-' },
          { node: badge(status(b)), text: status(b) },
        ],
      }))));
  }

  const plotIds = new Map();

  function runReport(run, budgets) {
    const summary = section('Run ' + run.id + ' · ' + run.suite);
    notes(summary, [
      'Started ' + run.started_at + ', finished ' + (run.finished_at || '-') + ', ' + run.status +
        (run.label ? ', label ' + run.label : ''),
    ]);
    const results = run.results || [];
    results.forEach((r, i) => {
      if ((r.process_medians && r.process_medians.length) || (r.load && r.load.seconds.length))
        plotIds.set(r.name, anchorFor('plot', i));
    });
    summary.append(table(
      [{ title: 'Benchmark', name: true }, { title: 'Status' }, { title: 'Median', numeric: true },
        { title: 'CV', numeric: true }, { title: 'p90', numeric: true }, { title: 'p99', numeric: true },
        { title: 'Processes', numeric: true }, { title: 'Instructions', numeric: true }],
      results.map((r, i) => {
        // A load test's percentiles are of its requests; its "time" is of its seconds' means.
        const t = r.load && r.load.p50
          ? { median: r.load.p50.value, p90: r.load.p90.value, p99: r.load.p99.value, cv: NaN }
          : r.time;
        const size = r.size_bytes !== undefined;
        return {
          id: anchorFor('row', i),
          cells: [
            { node: nameLink(r.name, plotIds.get(r.name)), text: r.name },
            { node: badge(r.status), text: r.status },
            size ? { text: formatValue('bytes', r.size_bytes), sort: r.size_bytes }
              : { text: t ? formatValue('seconds', t.median) : '-', sort: t ? t.median : -1 },
            { text: t && Number.isFinite(t.cv) ? (t.cv * 100).toFixed(1) + '%' : '-', sort: t ? t.cv : -1 },
            { text: t ? formatValue('seconds', t.p90) : '-', sort: t ? t.p90 : -1 },
            { text: t ? formatValue('seconds', t.p99) : '-', sort: t ? t.p99 : -1 },
            { text: String(r.processes), sort: r.processes },
            { text: r.instructions ? formatNumber(r.instructions.per_iteration) : '-',
              sort: r.instructions ? r.instructions.per_iteration : -1 },
          ],
        };
      })));
    for (const r of results) {
      if (r.reason) notes(summary, [r.name + ': ' + r.reason]);
    }
    budgetTable(budgets);
    const plots = element('div', { class: 'plots' });
    section('Distributions: the median of each worker process').append(plots);
    results.forEach((r, i) => {
      if (!plotIds.has(r.name) || r.load) return;
      plot(plots, anchorFor('plot', i), r.name, (canvas) =>
        stripPlot(canvas, 'seconds', [{ label: 'run ' + run.id, values: r.process_medians }],
          budgetLines(budgets, r.name)));
    });
    loadSection(results);
    environmentSection('Environment', run.environment, run.plugins);
  }

  function environmentSection(title, environment, plugins) {
    const node = section(title);
    node.append(environmentList(environment));
    if (plugins && plugins.length) {
      node.append(element('h3', {}, 'Plugins'));
      node.append(table([{ title: 'Plugin', name: true }, { title: 'Version' }, { title: 'ABI' }, { title: 'Benchmarks version' }],
        plugins.map((p) => ({ cells: [{ text: p.name }, { text: p.version }, { text: p.abi }, { text: p.benchmark_version }] }))));
    }
  }

  function sideLabel(side) {
    return side.reference + (side.commit ? ' (' + side.commit.slice(0, 12) + ')' : '');
  }

  function comparisonReport(comparison, figures, budgets) {
    const base = comparison.baseline, current = comparison.current;
    const node = section('Comparison: ' + sideLabel(base) + ' → ' + sideLabel(current));
    const s = comparison.summary;
    notes(node, [
      s.regression + ' regression, ' + s.slower + ' slower, ' + s.improved + ' improved, ' +
        s.inconclusive + ' inconclusive, ' + s.no_change + ' no change' +
        (s.failed ? ', ' + s.failed + ' failed' : '') +
        (s.only_in_baseline ? ', ' + s.only_in_baseline + ' only in the baseline' : '') +
        (s.only_in_current ? ', ' + s.only_in_current + ' only in the current side' : ''),
    ]);
    if (comparison.machine_shift) notes(node, [comparison.machine_shift.text]);
    notes(node, comparison.notes);
    const compared = comparison.benchmarks.filter((b) => b.standing === 'compared');
    comparison.benchmarks.forEach((b, i) => {
      if (figures[b.name]) plotIds.set(b.name, anchorFor('plot', i));
    });
    node.append(table(
      [{ title: 'Benchmark', name: true }, { title: 'Verdict' }, { title: 'Baseline', numeric: true },
        { title: 'Current', numeric: true }, { title: 'Change', numeric: true },
        { title: 'Interval', numeric: true }, { title: 'Processes / pairs', numeric: true }],
      comparison.benchmarks.map((b, i) => {
        if (b.standing !== 'compared') {
          const text = b.standing.replace(/_/g, ' ');
          return { id: anchorFor('row', i), cells: [{ node: nameLink(b.name), text: b.name },
            { node: badge(text), text }, { text: '-' }, { text: '-' }, { text: '-', sort: 0 }, { text: '-' }, { text: '-' }] };
        }
        const unit = unitOf(b.unit);
        let verdict = b.verdict;
        if (b.confirmation) verdict += b.confirmation.confirmed ? ', confirmed by A/B' : ', not confirmed by A/B';
        return {
          id: anchorFor('row', i),
          cells: [
            { node: nameLink(b.name, plotIds.get(b.name)), text: b.name },
            { node: badge(b.verdict), text: verdict },
            { text: formatValue(unit, b.baseline.median), sort: b.baseline.median },
            { text: formatValue(unit, b.current.median), sort: b.current.median },
            { text: percent(b.ratio), sort: b.ratio },
            { text: '[' + percent(b.interval[0]) + ', ' + percent(b.interval[1]) + ']', sort: b.interval[0] },
            b.pairs ? { text: b.pairs + ' pairs', sort: b.pairs }
              : { text: b.baseline.processes + ' / ' + b.current.processes, sort: b.current.processes },
          ],
        };
      })));
    if (comparison.environment_differences && comparison.environment_differences.length) {
      const differences = section('Environment differences');
      differences.append(element('ul', {}, ...comparison.environment_differences.map((d) => element('li', {}, d))));
    }
    budgetTable(budgets);

    if (compared.length) {
      const plots = element('div', { class: 'plots' });
      section('Changes with their intervals').append(plots);
      const moved = (b) => ['regression', 'slower', 'improved'].includes(b.verdict);
      const rows = [...compared].sort((a, b) => (moved(b) - moved(a)) ||
        Math.abs(b.ratio - 1) - Math.abs(a.ratio - 1)).slice(0, kForestRows);
      const title = rows.length < compared.length
        ? rows.length + ' of ' + compared.length + ' benchmarks: those that moved, then the largest changes'
        : compared.length + ' benchmarks';
      const policy = compared[0].policy;
      plot(plots, 'forest', title, (canvas) => forestPlot(canvas, rows, policy),
        { wide: true, height: 70 + rows.length * 24,
          caption: 'Each benchmark\'s change with its interval. Lines at ±' + policyText(policy) });
    }
    const plots = element('div', { class: 'plots' });
    section('Distributions: the figure of each worker process, both sides').append(plots);
    comparison.benchmarks.forEach((b, i) => {
      const f = figures[b.name];
      if (!f) return;
      plot(plots, anchorFor('plot', i), b.name + ' · ' + (b.verdict || b.standing), (canvas) =>
        stripPlot(canvas, unitOf(b.unit), [
          { label: base.reference, tick: 'baseline', values: f.baseline },
          { label: current.reference, tick: 'current', values: f.current },
        ], unitOf(b.unit) === 'seconds' ? budgetLines(budgets, b.name) : []));
    });
  }

  function historyReport(history) {
    const machine = [history.machine.host, history.machine.cpu_model].filter((x) => x).join(' · ');
    const node = section('History · ' + (machine || 'unknown machine'));
    const changeCount = history.summary.change_points;
    notes(node, [
      history.machine.runs + ' runs; ' + changeCount + (changeCount === 1 ? ' change point' : ' change points') +
        (history.relative_to_common_level ? '; benchmarks searched relative to the suite\'s common level' : ''),
    ]);
    for (const other of history.other_machines || [])
      notes(node, ['Not shown: ' + other.runs + ' runs on ' + other.host + ' (' + other.cpu_model + ')']);
    history.benchmarks.forEach((b, i) => plotIds.set(b.name, anchorFor('plot', i)));
    const changes = history.benchmarks.flatMap((b) => b.change_points.map((c) => ({ b, c })));
    if (changes.length) {
      node.append(element('h3', {}, 'Change points'));
      node.append(table(
        [{ title: 'Benchmark', name: true }, { title: 'From run', numeric: true }, { title: 'Date' },
          { title: 'Commits' }, { title: 'Change', numeric: true }, { title: 'Interval', numeric: true },
          { title: 'Cause' }, { title: 'Alert' }],
        changes.map(({ b, c }) => ({
          cells: [
            { node: nameLink(b.name, plotIds.get(b.name)), text: b.name },
            { text: String(c.first_run), sort: c.first_run },
            { text: c.started_at },
            { text: c.commits.some((x) => x) ? c.commits.map((x) => (x || '?').slice(0, 12)).join(' → ') : '-' },
            { text: percent(c.ratio), sort: c.ratio },
            { text: '[' + percent(c.interval[0]) + ', ' + percent(c.interval[1]) + ']', sort: c.interval[0] },
            { text: c.cause },
            c.alerting_regression ? { node: badge(c.new ? 'regression' : 'known'), text: c.new ? 'new' : 'known' }
              : { text: '-' },
          ],
        }))));
    }
    node.append(element('h3', {}, 'Benchmarks'));
    node.append(table(
      [{ title: 'Benchmark', name: true }, { title: 'Runs', numeric: true }, { title: 'Latest', numeric: true },
        { title: 'Change points', numeric: true }],
      history.benchmarks.map((b, i) => {
        const last = b.points[b.points.length - 1];
        return {
          id: anchorFor('row', i),
          cells: [
            { node: nameLink(b.name, plotIds.get(b.name)), text: b.name },
            { text: String(b.points.length), sort: b.points.length },
            { text: last ? formatValue(b.unit, last.median) : '-', sort: last ? last.median : -1 },
            { text: String(b.change_points.length), sort: b.change_points.length },
          ],
        };
      })));
    const plots = element('div', { class: 'plots' });
    section('Series: each run\'s median with its interval; change points dashed').append(plots);
    history.benchmarks.forEach((b, i) => {
      if (!b.points.length) return;
      plot(plots, anchorFor('plot', i), b.name, (canvas) => seriesPlot(canvas, b));
    });
  }

  // ---- profiles: flame graphs ----------------------------------------------------------------

  let flameGraphs = 0;
  // Frames narrower than this share of the graph are left out (their cost stays in their parent).
  const kNarrowestFrame = 0.002;

  function profileCost(event, value) {
    return event === 'ns' ? formatValue('time', value * 1e-9) : formatNumber(value) + ' ' + event;
  }

  // The call tree of a profile's stacks: each node's cost per iteration (value) and, against
  // another build, that build's cost on the same path (before), scaled as the report scaled it.
  function callTree(profile, against) {
    const root = { name: 'all', value: 0, before: 0, children: new Map() };
    const add = (stacks, iterations, key, scale) => {
      for (const stack of stacks) {
        const cost = scale * stack.cost / Math.max(iterations, 1);
        let node = root;
        node[key] += cost;
        for (const frame of stack.frames) {
          if (!node.children.has(frame)) node.children.set(frame, { name: frame, value: 0, before: 0, children: new Map() });
          node = node.children.get(frame);
          node[key] += cost;
        }
      }
    };
    add(profile.stacks, profile.iterations, 'value', 1);
    if (against) add(against.stacks, against.iterations, 'before', profile.a_scale || 1);
    return root;
  }

  // A frame's colour: warm hues by name; against another build, red where it spends more and
  // blue where it spends less, by how much of the whole that is.
  function frameColour(node, total, differential) {
    if (!differential) {
      let hash = 0;
      for (const c of node.name) hash = (hash * 31 + c.charCodeAt(0)) % 997;
      return 'hsl(' + (10 + hash % 40) + ', 80%, ' + (62 + hash % 12) + '%)';
    }
    const change = total > 0 ? (node.value - node.before) / total : 0;
    const strength = Math.min(1, Math.abs(change) * 10);
    if (strength < 0.02) return 'hsl(0, 0%, 88%)';
    return change > 0 ? 'hsl(0, 85%, ' + (92 - 40 * strength) + '%)' : 'hsl(212, 85%, ' + (92 - 40 * strength) + '%)';
  }

  // An icicle (the root on top, callees below); click a frame to zoom to it, the top frame to
  // zoom out.
  function flameGraph(parent, profile, against) {
    const differential = !!against;
    const tree = callTree(profile, against);
    const box = element('div', { class: 'flame' });
    parent.append(box);
    const draw = (root, path) => {
      box.replaceChildren();
      let depth = 0;
      const place = (node, left, width, level) => {
        if (width < kNarrowestFrame) return;
        depth = Math.max(depth, level + 1);
        const share = tree.value > 0 ? node.value / tree.value : 0;
        let tip = node.name + '\n' + profileCost(profile.event, node.value) + ' per iteration (' + (share * 100).toFixed(1) + '%)';
        if (differential) tip += '\nagainst ' + profileCost(profile.event, node.before) + ': ' +
          (node.value >= node.before ? '+' : '−') + profileCost(profile.event, Math.abs(node.value - node.before));
        const frame = element('div', {
          class: 'frame', title: tip,
          style: 'left:' + (left * 100) + '%;width:' + (width * 100) + '%;top:' + (level * 18) + 'px;' +
            'background:' + frameColour(node, tree.value, differential),
        }, node.name);
        frame.addEventListener('click', () => draw(level === 0 && path.length ? path[path.length - 1] : node,
          level === 0 ? path.slice(0, -1) : path.concat([root])));
        box.append(frame);
        let offset = left;
        const children = [...node.children.values()].sort((a, b) => a.name.localeCompare(b.name));
        for (const child of children) {
          const childWidth = node.value > 0 ? width * child.value / node.value : 0;
          place(child, offset, childWidth, level + 1);
          offset += childWidth;
        }
      };
      place(root, 0, 1, 0);
      box.style.height = (depth * 18) + 'px';
    };
    draw(tree, []);
    ++flameGraphs;
  }

  function profileTable(profile) {
    return table(
      [{ title: 'Function', name: true }, { title: 'Self', numeric: true }, { title: 'Total', numeric: true }],
      profile.functions.map((f) => ({
        cells: [{ text: f.function }, { text: profileCost(profile.event, f.self), sort: f.self },
          { text: profileCost(profile.event, f.total), sort: f.total }],
      })));
  }

  function changeTable(profile) {
    return table(
      [{ title: 'Function', name: true }, { title: 'Self before', numeric: true },
        { title: 'Self now', numeric: true }, { title: 'Added', numeric: true }],
      profile.changes.map((c) => ({
        cells: [{ text: c.function }, { text: profileCost(profile.event, c.self_a), sort: c.self_a },
          { text: profileCost(profile.event, c.self_b), sort: c.self_b },
          { text: '+' + profileCost(profile.event, c.self_b - c.self_a), sort: c.self_b - c.self_a }],
      })));
  }

  function profilesSection(title, profiles) {
    if (!profiles || !profiles.length) return;
    const node = section(title);
    for (const p of profiles) {
      const heading = p.against
        ? p.benchmark + ': ' + p.build + ' against ' + p.against.build + ' (' + p.tool + ')'
        : p.benchmark + ': ' + p.build + ' (' + p.tool + ')';
      node.append(element('h3', {}, heading));
      const perIteration = p.against
        ? profileCost(p.event, p.against.per_iteration) + ' → ' + profileCost(p.event, p.per_iteration) + ' per iteration'
        : profileCost(p.event, p.per_iteration) + ' per iteration, ' + p.iterations + ' iterations profiled';
      node.append(element('p', { class: 'note' }, perIteration));
      notes(node, [p.note, p.against ? p.against.note : ''].filter((n) => n));
      flameGraph(node, p, p.against);
      if (p.against) {
        node.append(element('p', { class: 'note' }, 'Red: more cost than ' + p.against.build + '; blue: less. Where it spends more' +
          (p.event === 'ns' ? ' (the other build scaled to this one\'s total: sampled times move with the machine):' : ':')));
        node.append(changeTable(p));
      } else {
        node.append(profileTable(p));
      }
    }
  }

  // ---- the page ------------------------------------------------------------------------------

  document.title = data.title;
  main.append(element('h1', {}, data.title));
  main.append(element('p', { class: 'subtitle' }, 'Written by ' + data.generated_by + ' at ' + data.generated_at));
  if (data.kind === 'run') {
    runReport(data.run, data.budgets);
  } else if (data.kind === 'comparison') {
    comparisonReport(data.comparison, data.figures || {}, data.budgets);
    profilesSection('Where the regressions spend more', data.profiles);
    if (data.run) environmentSection('Environment of run ' + data.run.id, data.run.environment, data.run.plugins);
  } else if (data.kind === 'history') {
    historyReport(data.history);
  } else if (data.kind === 'profile') {
    profilesSection('Profiles', data.profiles);
  } else {
    throw new Error('unknown report kind ' + data.kind);
  }
  drawPlots();
  main.append(element('footer', {}, 'Plots: Chart.js ' + Chart.version +
    '. Sort a table by clicking its header; a benchmark\'s name links to its plot.'));
  document.body.dataset.plotsExpected = String(pendingPlots.length);
  document.body.dataset.plots = String(charts.length);
  document.body.dataset.flameGraphs = String(flameGraphs);
})();
