// Cairn's chart glue over Apache ECharts. Pages mark elements; this file fills them.
//   [data-metric-chart]  data-runs="id,id" data-names="a,b" data-key="loss"  -> one line per run (value against step or time)
//   [data-parallel]      data-source="<id of a JSON script>"                 -> parallel coordinates over params and metrics
//   [data-interval-chart] data-source="<id of a JSON script>"          -> metric values per run as bars, with interval whiskers
//   [data-lineage]       data-kind="model_version" data-key="name/3"         -> lineage graph, one column per kind, upstream on the left
// Histories are fetched thinned to a point budget by the server (extremes kept), with the session cookie.
(function () {
  "use strict";

  function metricChart(el) {
    var runs = el.dataset.runs.split(","), names = (el.dataset.names || el.dataset.runs).split(",");
    var key = el.dataset.key, points = el.dataset.points || "1000", axis = el.dataset.axis || "step";
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    el.dataset.rendered = "false";
    Promise.all(runs.map(function (run) {
      return fetch("/api/v1/runs/" + encodeURIComponent(run) + "/metrics?key=" + encodeURIComponent(key) + "&points=" + points, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
    })).then(function (histories) {
      chart.setOption({
        animation: false,
        title: { text: key, left: "center", textStyle: { fontSize: 13 } },
        tooltip: { trigger: "axis" },
        legend: runs.length > 1 ? { bottom: 0 } : undefined,
        grid: { left: 50, right: 20, top: 36, bottom: runs.length > 1 ? 40 : 30 },
        xAxis: { type: axis === "time" ? "time" : "value", name: axis, min: "dataMin", max: "dataMax" },
        yAxis: { type: "value", scale: true },
        dataZoom: [{ type: "inside" }],
        series: histories.map(function (h, i) {
          return {
            name: names[i], type: "line", showSymbol: h.points.length < 50, sampling: "lttb",
            data: h.points.map(function (p) { return [axis === "time" ? p.timestamp : p.step, typeof p.value === "number" ? p.value : null]; })
          };
        })
      });
      el.dataset.rendered = "true";
      el.dataset.renderedAxis = axis;
      el.dataset.downsampled = histories.some(function (h) { return h.downsampled; }) ? "true" : "false";
    }).catch(function (e) {
      el.textContent = "Could not load " + key + ": " + e.message;
      el.dataset.rendered = "error";
    });
  }

  function parallel(el) {
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      parallelAxis: data.axes.map(function (a, i) {
        return a.categories ? { dim: i, name: a.name, type: "category", data: a.categories } : { dim: i, name: a.name, scale: true };
      }),
      parallel: { left: 60, right: 80, top: 40, bottom: 30 },
      tooltip: { trigger: "item" },
      series: [{ type: "parallel", lineStyle: { width: 2, opacity: 0.7 }, data: data.rows.map(function (r) { return { name: r.name, value: r.values }; }) }]
    });
    el.dataset.rendered = "true";
  }

  function intervals(el) {
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var names = data.series.length ? data.series[0].points.map(function (p) { return p.name; }) : [];
    var chart = echarts.init(el);
    var series = [];
    data.series.forEach(function (s, i) {
      series.push({ name: s.name, type: "bar", data: s.points.map(function (p) { return p.value; }) });
      series.push({
        name: s.name, type: "custom", z: 10, tooltip: { show: false },
        data: s.points.map(function (p, j) { return [j, p.low, p.high]; }).filter(function (d) { return d[1] !== null && d[1] !== undefined; }),
        renderItem: function (params, api) {
          var count = data.series.length, width = api.size([1, 0])[0] * 0.8, offset = (i + 0.5) * width / count - width / 2;
          var low = api.coord([api.value(0), api.value(1)]), high = api.coord([api.value(0), api.value(2)]);
          var x = low[0] + offset, style = { stroke: "#111827", lineWidth: 1.2 };
          return { type: "group", children: [
            { type: "line", shape: { x1: x, y1: low[1], x2: x, y2: high[1] }, style: style },
            { type: "line", shape: { x1: x - 4, y1: low[1], x2: x + 4, y2: low[1] }, style: style },
            { type: "line", shape: { x1: x - 4, y1: high[1], x2: x + 4, y2: high[1] }, style: style }
          ] };
        }
      });
    });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: "category", data: names },
      yAxis: { type: "value", scale: true },
      series: series
    });
    el.dataset.rendered = "true";
  }

  function lineage(el) {
    var columns = ["dataset", "run", "model_version", "deployment"];
    var colors = { dataset: "#6366f1", run: "#0e7490", model_version: "#15803d", deployment: "#b45309" };
    fetch("/api/v1/lineage?kind=" + encodeURIComponent(el.dataset.kind) + "&key=" + encodeURIComponent(el.dataset.key), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (g) {
        var rows = {};
        var nodes = g.nodes.map(function (n) {
          var col = columns.indexOf(n.kind), row = rows[n.kind] = (rows[n.kind] || 0) + 1;
          return {
            id: n.id, name: n.label + (n.attributes.digest ? " (" + n.attributes.digest.slice(0, 8) + ")" : ""), x: col * 220, y: row * 70,
            symbolSize: n.id === g.root ? 26 : 18, itemStyle: { color: colors[n.kind] }, value: n.kind
          };
        });
        var chart = echarts.init(el);
        chart.setOption({
          animation: false,
          tooltip: { formatter: function (p) { return p.dataType === "edge" ? p.data.relation : p.data.value + ": " + p.name; } },
          series: [{
            type: "graph", layout: "none", roam: true, label: { show: true, position: "bottom", fontSize: 11 },
            edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8, lineStyle: { width: 1.5, color: "#94a3b8" },
            data: nodes, links: g.edges.map(function (e) { return { source: e.from, target: e.to, relation: e.relation }; })
          }]
        });
        el.dataset.rendered = "true";
        el.dataset.nodes = String(g.nodes.length);
        el.dataset.edges = String(g.edges.length);
      }).catch(function (e) {
        el.textContent = "Could not load the lineage: " + e.message;
        el.dataset.rendered = "error";
      });
  }

  // [data-axis-toggle] buttons switch every chart between step and time on the x axis.
  function toggleAxis(button) {
    button.addEventListener("click", function () {
      var axis = button.dataset.axisToggle;
      document.querySelectorAll("[data-axis-toggle]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      document.querySelectorAll("[data-metric-chart]").forEach(function (el) { el.dataset.axis = axis; metricChart(el); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-axis-toggle]").forEach(toggleAxis);
    document.querySelectorAll("[data-metric-chart]").forEach(metricChart);
    document.querySelectorAll("[data-parallel]").forEach(parallel);
    document.querySelectorAll("[data-interval-chart]").forEach(intervals);
    document.querySelectorAll("[data-lineage]").forEach(lineage);
  });
})();
