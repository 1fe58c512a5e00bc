// Live-metrics charts: CPU %, memory % and request rate over a rolling window. Filled from the history
// fetched once when the page opens, then fed one point per live-metrics swap; the charts are created once
// and updated in place. The x axis is linear (epoch milliseconds) with clock labels, so no date adapter
// is needed.
(function () {
  'use strict';

  var SERIES = [
    { key: 'cpu', canvas: 'chart-cpu', label: 'CPU %', color: '#3b82f6', max: 100 },
    { key: 'memory', canvas: 'chart-memory', label: 'Memory %', color: '#a855f7', max: 100 },
    { key: 'rps', canvas: 'chart-rps', label: 'Requests/s', color: '#10b981', max: null }
  ];
  var charts = {};
  var windowMs = 60000;

  function css(name, fallback) {
    var value = window.getComputedStyle(document.documentElement).getPropertyValue(name);
    return value ? value.trim() : fallback;
  }

  function clock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }

  function readNumber(text) {
    if (text === undefined || text === null || text === '') { return null; }
    var value = Number(text);
    return isFinite(value) ? value : null;
  }

  function create(series, points) {
    var canvas = document.getElementById(series.canvas);
    if (!canvas || typeof window.Chart !== 'function') { return null; }
    var text = css('--muted', '#5b6678');
    var grid = css('--border', '#dde3ec');
    return new window.Chart(canvas, {
      type: 'line',
      data: { datasets: [{
        label: series.label, data: points, borderColor: series.color, backgroundColor: series.color + '22',
        fill: true, pointRadius: 0, borderWidth: 2, tension: 0.25, spanGaps: false
      }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false, normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { color: text, maxTicksLimit: 5, callback: function (v) { return clock(v); } },
               grid: { color: grid } },
          y: { beginAtZero: true, suggestedMax: series.max === null ? 10 : series.max,
               ticks: { color: text, maxTicksLimit: 5 }, grid: { color: grid } }
        },
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: function (items) {
          return items.length ? clock(items[0].parsed.x) : '';
        } } } }
      }
    });
  }

  function trim(chart, now) {
    var cutoff = now - windowMs;
    var data = chart.data.datasets[0].data;
    while (data.length && data[0].x < cutoff) { data.shift(); }
    chart.options.scales.x.min = cutoff;
    chart.options.scales.x.max = now;
  }

  function addPoint(element) {
    var t = readNumber(element.getAttribute('data-t'));
    if (t === null) { return; }
    SERIES.forEach(function (series) {
      var chart = charts[series.key];
      if (!chart) { return; }
      var data = chart.data.datasets[0].data;
      var y = readNumber(element.getAttribute('data-' + series.key));
      if (data.length && data[data.length - 1].x >= t) { return; }
      // A missing figure leaves a gap in the line instead of a misleading zero.
      data.push({ x: t, y: y });
      trim(chart, t);
      chart.update('none');
    });
  }

  function recolor() {
    var text = css('--muted', '#5b6678');
    var grid = css('--border', '#dde3ec');
    Object.keys(charts).forEach(function (key) {
      var chart = charts[key];
      ['x', 'y'].forEach(function (axis) {
        chart.options.scales[axis].ticks.color = text;
        chart.options.scales[axis].grid.color = grid;
      });
      chart.update('none');
    });
  }

  function fillHistory(history) {
    var now = Date.now();
    SERIES.forEach(function (series) {
      var chart = charts[series.key];
      if (!chart || !Array.isArray(history[series.key])) { return; }
      var data = chart.data.datasets[0].data;
      var firstLive = data.length ? data[0].x : Infinity;
      // History ends where the live points begin; live points already shown win.
      var older = history[series.key]
        .filter(function (p) { return Array.isArray(p) && p[0] < firstLive; })
        .map(function (p) { return { x: p[0], y: p[1] }; });
      chart.data.datasets[0].data = older.concat(data);
      trim(chart, now);
      chart.update('none');
    });
    document.getElementById('metrics-charts').setAttribute('data-history-loaded', 'true');
  }

  function loadHistory(url) {
    if (!url || typeof window.fetch !== 'function') { return; }
    window.fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(fillHistory)
      .catch(function (error) {
        // The charts still fill from the live points; say why the history is missing.
        window.console.warn('LoadHarness: chart history unavailable', error);
      });
  }

  function init() {
    var holder = document.getElementById('metrics-charts');
    if (!holder) { return; }
    windowMs = (readNumber(holder.getAttribute('data-window-seconds')) || 60) * 1000;
    var now = Date.now();
    SERIES.forEach(function (series) {
      var chart = create(series, []);
      if (chart) { charts[series.key] = chart; trim(chart, now); chart.update('none'); }
    });
    loadHistory(holder.getAttribute('data-history-url'));
    document.body.addEventListener('htmx:afterSwap', function () {
      var point = document.getElementById('metrics-point');
      if (point && point.getAttribute('data-seen') !== 'true') {
        point.setAttribute('data-seen', 'true');
        addPoint(point);
      }
    });
    document.addEventListener('loadharness:theme', recolor);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
