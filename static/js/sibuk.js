// Formulir yang lama diproses (optimasi anggaran, paling lama beberapa detik): begitu dikirim,
// tombol kirimnya dinonaktifkan dan bertuliskan data-sibuk, agar pengguna tahu permintaannya
// sedang dihitung dan tidak mengirimnya dua kali. Tanpa JavaScript formulir tetap terkirim biasa.
(function () {
  "use strict";

  function pulihkan(tombol) {
    tombol.disabled = false;
    tombol.removeAttribute("aria-busy");
    if (tombol.dataset.teksAsli !== undefined) {
      tombol.textContent = tombol.dataset.teksAsli;
    }
  }

  document.querySelectorAll("form[data-sibuk]").forEach(function (form) {
    var tombol = form.querySelector("button[type=submit]");
    if (!tombol) {
      return;
    }
    form.addEventListener("submit", function () {
      tombol.dataset.teksAsli = tombol.textContent;
      // Sesudah pengiriman dimulai: tombol nonaktif tidak membatalkannya.
      window.setTimeout(function () {
        tombol.disabled = true;
        tombol.setAttribute("aria-busy", "true");
        tombol.textContent = "";
        var putar = document.createElement("span");
        putar.className = "spinner-border spinner-border-sm me-2";
        putar.setAttribute("aria-hidden", "true");
        tombol.appendChild(putar);
        tombol.appendChild(document.createTextNode(form.dataset.sibuk));
      }, 0);
    });
    // Kembali ke halaman ini lewat tombol Back: tombolnya aktif lagi.
    window.addEventListener("pageshow", function (e) {
      if (e.persisted) {
        pulihkan(tombol);
      }
    });
  });
})();
