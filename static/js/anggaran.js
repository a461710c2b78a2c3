// Draws the budget report's charts (/laporan/anggaran/). Each <canvas data-grafik-anggaran="ID"
// data-jenis="penyerapan|sumber"> reads its data from the JSON that Django's json_script wrote
// into <script id="ID" type="application/json"> (the CSP allows no inline script):
//   penyerapan: {label: [bulan], realisasi: [Rp], persen_kumulatif: [% or null],
//                judul_realisasi, judul_kumulatif}
//   sumber:     {label: [sumber dana], seri: [{label, data: [Rp]}]}
(function () {
  "use strict";

  var WARNA = ["#6c757d", "#0d6efd", "#198754"];
  var rupiah = new Intl.NumberFormat("id-ID", {
    style: "currency",
    currency: "IDR",
    maximumFractionDigits: 0,
  });
  // Axis ticks stay short on a phone: "Rp 1,2 M" rather than thirteen digits.
  var ringkas = new Intl.NumberFormat("id-ID", { notation: "compact", maximumFractionDigits: 1 });

  function tickRupiah(nilai) {
    return "Rp " + ringkas.format(nilai);
  }

  function tooltipRupiah(konteks) {
    return konteks.dataset.label + ": " + rupiah.format(konteks.parsed.y);
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
      options: {
        responsive: true,
        locale: "id-ID",
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, ticks: { callback: tickRupiah } },
          y1: {
            position: "right",
            beginAtZero: true,
            max: 100,
            grid: { drawOnChartArea: false },
            ticks: {
              callback: function (nilai) {
                return nilai + "%";
              },
            },
          },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (konteks) {
                if (konteks.dataset.yAxisID === "y1") {
                  var p = konteks.parsed.y;
                  return konteks.dataset.label + ": " + (p === null ? "–" : p.toLocaleString("id-ID") + "%");
                }
                return tooltipRupiah(konteks);
              },
            },
          },
        },
      },
    };
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
        scales: { y: { beginAtZero: true, ticks: { callback: tickRupiah } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: tooltipRupiah } },
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
