// The statistics charts: each <canvas data-chart="name"> draws the series of that name from the
// JSON in #chart-data (the same numbers as the table beside it). No inline script: the data is
// a json_script block and this file is served from static.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // The page's fonts (Noto Sans and Noto Sans Lao, served with it), so Lao labels are shaped.
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.font.size = 13;
    var colours = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var chart = data[canvas.dataset.chart];
      if (!chart) { return; }
      var kind = canvas.dataset.kind || "bar";
      var datasets = chart.series.map(function (series, index) {
        return {
          label: series.label,
          data: series.data,
          backgroundColor: kind === "doughnut" ? colours : colours[index % colours.length],
        };
      });
      new window.Chart(canvas, {
        type: kind,
        data: { labels: chart.labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { position: kind === "doughnut" ? "right" : "top" } },
          scales: kind === "doughnut" ? {} : { x: { ticks: { autoSkip: false } }, y: { beginAtZero: true } },
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
