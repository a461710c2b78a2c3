// Ask before a form that carries data-konfirmasi is sent (withdrawing or rejecting a claim).
document.addEventListener("submit", function (event) {
  var pesan = event.target.getAttribute("data-konfirmasi");
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
});
