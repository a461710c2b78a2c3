// Draws the charts of the dashboard (/laporan/). Each <canvas data-grafik-dasbor="ID"
// data-jenis="tren|penyerapan"> reads its data from the JSON that Django's json_script wrote into
// <script id="ID" type="application/json"> (the CSP allows no inline script); the absorption
// chart is penyerapan.js's:
//   tren:       {label: [tahun], persen: [% or null], judul}
//   penyerapan: {label: [bulan], realisasi: [Rp], persen_kumulatif: [% or null],
//                judul_realisasi, judul_kumulatif}
// The canvas fills its container, whose fixed height keeps the chart readable on a phone.
(function () {
  "use strict";

  var bersama = window.GrafikPenyerapan;
  if (!bersama) {
    return; // penyerapan.js did not load: the tables below the charts still show the figures
  }
  var persen = bersama.persen;

  var sumbuPersen = {
    beginAtZero: true,
    max: 100,
    ticks: { callback: bersama.tickPersen },
  };

  function dasar(tambahan) {
    var opsi = {
      responsive: true,
      maintainAspectRatio: false,
      locale: "id-ID",
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom" } },
    };
    Object.keys(tambahan).forEach(function (k) {
      opsi[k] = tambahan[k];
    });
    return opsi;
  }

  function tren(data) {
    return {
      type: "line",
      data: {
        labels: data.label,
        datasets: [
          {
            label: data.judul,
            data: data.persen,
            borderColor: "#198754",
            backgroundColor: "#198754",
            tension: 0.2,
            spanGaps: false,
          },
        ],
      },
      options: dasar({
        scales: { y: sumbuPersen },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (k) {
                return k.dataset.label + ": " + persen(k.parsed.y);
              },
            },
          },
        },
      }),
    };
  }

  // The budget report's chart (penyerapan.js), in a box of fixed height.
  function penyerapan(data) {
    var konfigurasi = bersama(data);
    konfigurasi.options.maintainAspectRatio = false;
    return konfigurasi;
  }

  var JENIS = { tren: tren, penyerapan: penyerapan };

  function gambar(kanvas) {
    var sumber = document.getElementById(kanvas.getAttribute("data-grafik-dasbor"));
    var buat = JENIS[kanvas.getAttribute("data-jenis")];
    if (!sumber || !buat || typeof window.Chart === "undefined") {
      return;
    }
    new window.Chart(kanvas, buat(JSON.parse(sumber.textContent)));
  }

  document.querySelectorAll("canvas[data-grafik-dasbor]").forEach(gambar);
})();
