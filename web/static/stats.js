// The charts of the statistics page (/stats); the data is the page's stats-data block.
(function () {
  var data = JSON.parse(document.getElementById("stats-data").textContent);
  var report = data.report;
  var kinds = data.kinds;
  var names = {licensing: "行政许可", penalty: "行政处罚", coercion: "行政强制", inspection: "行政检查", expropriation: "行政征收征用", confirmation: "行政确认", other: "其他"};
  var labels = kinds.map(function (k) { return names[k]; });
  echarts.init(document.getElementById("cases")).setOption({
    title: {text: "立案与决定（按类别）"}, tooltip: {}, legend: {top: 28},
    xAxis: {type: "category", data: labels}, yAxis: {type: "value"},
    series: [
      {name: "立案数", type: "bar", data: kinds.map(function (k) { return report.totals[k].cases; })},
      {name: "决定数", type: "bar", data: kinds.map(function (k) { return report.totals[k].decided; })}
    ]
  });
  echarts.init(document.getElementById("fines")).setOption({
    title: {text: "罚款金额（元，按执法机关）"}, tooltip: {},
    xAxis: {type: "category", data: report.agencies.map(function (a) { return a.name; })}, yAxis: {type: "value"},
    series: [{name: "罚款", type: "bar", data: report.agencies.map(function (a) {
      return kinds.reduce(function (s, k) { return s + a.kinds[k].fines; }, 0);
    })}]
  });
})();
