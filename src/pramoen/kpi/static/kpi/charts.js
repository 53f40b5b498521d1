// National KPI charts: each [data-chart] element names a json_script holding plain data (no code,
// under the Content-Security-Policy) and is drawn with Apache ECharts, served from our static
// files (npm package "echarts"). The table view beside each chart carries the same figures.
(function () {
  "use strict";
  function option(spec) {
    var horizontal = spec.categories.length > 8;
    var category = { type: "category", data: spec.categories, axisLabel: { interval: 0 } };
    var value = { type: "value", minInterval: 1 };
    var out = {
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: horizontal ? 170 : 40, right: 20, top: 36, bottom: 30, containLabel: false },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({ inverse: true }, category) : value,
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, stack: spec.stacked ? "all" : undefined };
      }),
    };
    if (spec.colors && spec.colors.length) { out.color = spec.colors; }
    return out;
  }
  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      el.setAttribute("data-drawn", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
