// Charts for the pages that have them. The data comes with the page (script#chart-data,
// JSON); every chart is also given as text or a table on the page, so nothing is lost without it.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { green: "#1b6e3a", amber: "#c28a00", red: "#a4161a" };

  function draw(name, option) {
    var nodes = document.querySelectorAll('[data-chart="' + name + '"]');
    Array.prototype.forEach.call(nodes, function (node) {
      var chart = echarts.init(node, null, { renderer: "svg" });
      option.animation = false;
      option.aria = option.aria || { enabled: true };
      chart.setOption(option);
      node.setAttribute("data-drawn", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function statusBars(items) {
    return {
      grid: { left: 70, right: 20, top: 10, bottom: 30 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: items.map(function (i) { return i.code; }) },
      series: [{ type: "bar", label: { show: true, position: "right" },
        data: items.map(function (i) { return { value: i.count, itemStyle: { color: colours[i.colour] } }; }) }]
    };
  }

  if (data.type === "status") { draw("status", statusBars(data.items)); }
  if (data.type === "ledger") {
    draw("status", statusBars(data.status));
    var codes = [];
    data.departments.forEach(function (d) { Object.keys(d.counts).forEach(function (c) { if (codes.indexOf(c) < 0) { codes.push(c); } }); });
    // Three statuses share green: patterns (decals) tell the stacked parts apart without colour.
    draw("departments", {
      aria: { enabled: true, decal: { show: true } },
      legend: { top: 0 }, grid: { left: 10, right: 20, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.departments.map(function (d) { return d.name; }) },
      series: codes.map(function (code) {
        return { name: code, type: "bar", stack: "all", itemStyle: { color: colours[data.colours[code]] },
          data: data.departments.map(function (d) { return d.counts[code] || 0; }) };
      })
    });
  }
  if (data.type === "supervision") {
    draw("supervision", {
      legend: { top: 0 }, grid: { left: 10, right: 30, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.departments.map(function (d) { return d.name; }) },
      series: [
        { name: "按期报送", type: "bar", stack: "all", itemStyle: { color: colours.green },
          data: data.departments.map(function (d) { return d.on_time; }) },
        { name: "逾期未报", type: "bar", stack: "all", itemStyle: { color: colours.red },
          data: data.departments.map(function (d) { return d.overdue; }) }
      ]
    });
  }
  if (data.type === "progress") {
    var series = [{ name: "报送值", type: "line", data: data.points, label: { show: true } }];
    if (data.target !== null) {
      series.push({ name: "目标", type: "line", lineStyle: { type: "dashed" },
        data: data.points.length ? [[data.points[0][0], data.target], [data.points[data.points.length - 1][0], data.target]] : [] });
    }
    draw("progress", {
      legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "time" }, yAxis: { type: "value", name: data.unit }, series: series
    });
  }
  if (data.type === "pairs") {
    draw("pairs", {
      legend: { top: 0 }, grid: { left: 10, right: 60, top: 40, bottom: 30, containLabel: true },
      xAxis: { type: "value", show: false },
      yAxis: { type: "category", inverse: true, // top to bottom, in the table's order
        data: data.items.map(function (p) { return p.indicator + "（" + p.unit + "）"; }) },
      series: [
        { name: "之前", type: "bar", label: { show: true, position: "right" }, data: data.items.map(function (p) { return p.before[1]; }) },
        { name: "之后", type: "bar", label: { show: true, position: "right" }, data: data.items.map(function (p) { return p.after[1]; }) }
      ]
    });
  }
}());
