// The absorption chart shared by the budget report (anggaran.js) and the dashboard (dasbor.js):
// realisation per month as bars, cumulative absorption against the pagu as a line on a second
// axis. window.GrafikPenyerapan(data) gives the Chart.js configuration for
//   {label: [bulan], realisasi: [Rp], persen_kumulatif: [% or null], judul_realisasi,
//    judul_kumulatif}
// and its helpers for Rupiah and percentages.
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

  function tickRupiah(nilai) {
    return "Rp " + ringkas.format(nilai);
  }

  function tickPersen(nilai) {
    return nilai + "%";
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
            ticks: { callback: tickPersen },
          },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (konteks) {
                if (konteks.dataset.yAxisID === "y1") {
                  return konteks.dataset.label + ": " + persen(konteks.parsed.y);
                }
                return tooltipRupiah(konteks);
              },
            },
          },
        },
      },
    };
  }

  penyerapan.persen = persen;
  penyerapan.tickRupiah = tickRupiah;
  penyerapan.tickPersen = tickPersen;
  penyerapan.tooltipRupiah = tooltipRupiah;
  window.GrafikPenyerapan = penyerapan;
})();
