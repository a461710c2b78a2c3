// Draws the budget report's charts (/laporan/anggaran/). Each <canvas data-grafik-anggaran="ID"
// data-jenis="penyerapan|sumber"> reads its data from the JSON that Django's json_script wrote
// into <script id="ID" type="application/json"> (the CSP allows no inline script); the
// absorption chart is penyerapan.js's:
//   penyerapan: {label: [bulan], realisasi: [Rp], persen_kumulatif: [% or null],
//                judul_realisasi, judul_kumulatif}
//   sumber:     {label: [sumber dana], seri: [{label, data: [Rp]}]}
(function () {
  "use strict";

  var WARNA = ["#6c757d", "#0d6efd", "#198754"];
  var penyerapan = window.GrafikPenyerapan;
  if (!penyerapan) {
    return; // penyerapan.js did not load: the tables below the charts still show the figures
  }

  function sumber(data) {
    return {
      type: "bar",
      data: {
        labels: data.label,
        datasets: data.seri.map(function (seri, i) {
          return {
            label: seri.label,
            data: seri.data,
            backgroundColor: WARNA[i % WARNA.length],
          };
        }),
      },
      options: {
        responsive: true,
        locale: "id-ID",
        scales: { y: { beginAtZero: true, ticks: { callback: penyerapan.tickRupiah } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: penyerapan.tooltipRupiah } },
        },
      },
    };
  }

  var JENIS = { penyerapan: penyerapan, sumber: sumber };

  function gambar(kanvas) {
    var sumberData = document.getElementById(kanvas.getAttribute("data-grafik-anggaran"));
    var buat = JENIS[kanvas.getAttribute("data-jenis")];
    if (!sumberData || !buat || typeof window.Chart === "undefined") {
      return;
    }
    new window.Chart(kanvas, buat(JSON.parse(sumberData.textContent)));
  }

  document.querySelectorAll("canvas[data-grafik-anggaran]").forEach(gambar);
})();
