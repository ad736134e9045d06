// SPBE Suite: small progressive enhancements; every page works without this file.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// Bulk pages: a header checkbox ticks or unticks every row of its form.
document.addEventListener("change", function (event) {
  var box = event.target;
  var name = box.getAttribute && box.getAttribute("data-select-all");
  if (!name || !box.form) {
    return;
  }
  box.form.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(function (row) {
    row.checked = box.checked;
  });
});
