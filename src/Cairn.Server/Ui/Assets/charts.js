// Cairn's chart glue over Apache ECharts. Pages mark elements; this file fills them.
//   [data-metric-chart]  data-runs="id,id" data-names="a,b" data-key="loss"  -> one line per run (value against step or time)
//   [data-parallel]      data-source="<id of a JSON script>"                 -> parallel coordinates over params and metrics
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
  });
})();
