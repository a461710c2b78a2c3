// Draws the charts of the dashboard (/laporan/). Each <canvas data-grafik-dasbor="ID"
// data-jenis="tren|penyerapan"> reads its data from the JSON that Django's json_script wrote into
// <script id="ID" type="application/json"> (the CSP allows no inline script):
//   tren:       {label: [tahun], persen: [% or null], judul}
//   penyerapan: {label: [bulan], realisasi: [Rp], persen_kumulatif: [% or null],
//                judul_realisasi, judul_kumulatif}
// The canvas fills its container, whose fixed height keeps the chart readable on a phone.
(function () {
  "use strict";

  var rupiah = new Intl.NumberFormat("id-ID", {
    style: "currency",
    currency: "IDR",
    maximumFractionDigits: 0,
  });
  // Axis ticks stay short on a phone: "Rp 1,2 M" rather than thirteen digits.
  var ringkas = new Intl.NumberFormat("id-ID", { notation: "compact", maximumFractionDigits: 1 });

  function persen(nilai) {
    return nilai === null || nilai === undefined ? "–" : nilai.toLocaleString("id-ID") + "%";
  }

  var sumbuPersen = {
    beginAtZero: true,
    max: 100,
    ticks: {
      callback: function (nilai) {
        return nilai + "%";
      },
    },
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

  function penyerapan(data) {
    return {
      type: "bar",
      data: {
        labels: data.label,
        datasets: [
          {
            type: "bar",
            label: data.judul_realisasi,
            data: data.realisasi,
            backgroundColor: "#198754",
            yAxisID: "y",
            order: 2,
          },
          {
            type: "line",
            label: data.judul_kumulatif,
            data: data.persen_kumulatif,
            borderColor: "#0d6efd",
            backgroundColor: "#0d6efd",
            yAxisID: "y1",
            tension: 0.2,
            order: 1,
          },
        ],
      },
      options: dasar({
        scales: {
          y: {
            beginAtZero: true,
            ticks: {
              callback: function (nilai) {
                return "Rp " + ringkas.format(nilai);
              },
            },
          },
          y1: Object.assign({ position: "right", grid: { drawOnChartArea: false } }, sumbuPersen),
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (k) {
                if (k.dataset.yAxisID === "y1") {
                  return k.dataset.label + ": " + persen(k.parsed.y);
                }
                return k.dataset.label + ": " + rupiah.format(k.parsed.y);
              },
            },
          },
        },
      }),
    };
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
