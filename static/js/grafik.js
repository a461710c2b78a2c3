// Draws the report charts. Each <canvas data-grafik="ID"> reads its data from the JSON that
// Django's json_script wrote into <script id="ID" type="application/json">:
//   {jenis: "bar"|"line", label: [...], seri: [{label, data, sumbu?: "kanan"}],
//    maks?: 100, tumpuk?: bool, horizontal?: bool}
// A null in data is a figure that is hidden or missing: the chart leaves a gap.
(function () {
  "use strict";

  var WARNA = ["#198754", "#0d6efd", "#fd7e14", "#6f42c1", "#dc3545", "#20c997"];
  // Answer scales, lowest value first: red through green.
  var WARNA_SKALA = {
    4: ["#dc3545", "#fd7e14", "#20c997", "#198754"],
    5: ["#dc3545", "#fd7e14", "#ffc107", "#20c997", "#198754"],
  };

  function warna(data, i) {
    var skala = data.tumpuk && WARNA_SKALA[data.seri.length];
    return skala ? skala[i] : WARNA[i % WARNA.length];
  }

  function konfigurasi(data) {
    var sumbuNilai = data.horizontal ? "x" : "y";
    var sumbuLabel = data.horizontal ? "y" : "x";
    var adaKanan = false;
    var datasets = data.seri.map(function (seri, i) {
      var set = {
        label: seri.label,
        data: seri.data,
        backgroundColor: warna(data, i),
        borderColor: warna(data, i),
        spanGaps: false,
      };
      if (seri.sumbu === "kanan") {
        set.yAxisID = "y1";
        adaKanan = true;
      }
      return set;
    });
    var scales = {};
    scales[sumbuNilai] = { beginAtZero: true, stacked: !!data.tumpuk };
    if (data.maks && !data.tumpuk) {
      scales[sumbuNilai].max = data.maks;
    }
    scales[sumbuLabel] = { stacked: !!data.tumpuk };
    if (adaKanan) {
      scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } };
    }
    return {
      type: data.jenis,
      data: { labels: data.label, datasets: datasets },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        responsive: true,
        locale: "id-ID",
        scales: scales,
        plugins: { legend: { position: "bottom" } },
      },
    };
  }

  function gambar(kanvas) {
    var sumber = document.getElementById(kanvas.getAttribute("data-grafik"));
    if (!sumber || typeof window.Chart === "undefined") {
      return;
    }
    new window.Chart(kanvas, konfigurasi(JSON.parse(sumber.textContent)));
  }

  document.querySelectorAll("canvas[data-grafik]").forEach(gambar);
})();
