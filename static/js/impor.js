// Bilah kemajuan halaman impor di admin: menanyakan status impor setiap detik dan memuat ulang
// halaman begitu pemeriksaan atau impor selesai. Tanpa JavaScript, <noscript> memuat ulang halaman.
(function () {
  "use strict";

  var wadah = document.querySelector("[data-impor-status]");
  if (!wadah || !window.fetch) {
    return;
  }
  var url = wadah.getAttribute("data-impor-status");
  var statusAwal = wadah.getAttribute("data-impor-status-awal");
  var bilah = wadah.querySelector("progress");
  var teks = wadah.querySelector("[data-impor-teks]");
  var SELANG = 1000;
  var gagalBeruntun = 0;

  function perbarui(data) {
    if (data.status !== statusAwal || !data.berjalan) {
      window.location.reload();
      return false;
    }
    if (bilah && data.jumlah_baris && data.status !== "diunggah") {
      bilah.max = data.jumlah_baris;
      bilah.value = Math.min(data.diproses, data.jumlah_baris);
      bilah.textContent = data.persen + "%";
    }
    if (teks && teks.textContent !== data.keterangan) {
      teks.textContent = data.keterangan;
    }
    return true;
  }

  function tanya() {
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(function (respons) {
        if (!respons.ok) {
          throw new Error("HTTP " + respons.status);
        }
        return respons.json();
      })
      .then(function (data) {
        gagalBeruntun = 0;
        if (perbarui(data)) {
          window.setTimeout(tanya, SELANG);
        }
      })
      .catch(function () {
        // Jaringan putus atau server sibuk: coba lagi makin jarang, paling lama 30 detik.
        gagalBeruntun += 1;
        window.setTimeout(tanya, Math.min(SELANG * Math.pow(2, gagalBeruntun), 30000));
      });
  }

  window.setTimeout(tanya, SELANG);
})();
