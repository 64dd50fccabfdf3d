// Small helpers, no build step. Works without htmx for everything but the address pickers.
(function () {
  "use strict";

  // "Add another" for Django formsets: clone the <template> of an empty row, renumber __prefix__.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var container = document.getElementById(prefix + "-rows");
    if (!total || !template || !container) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    if (window.htmx) window.htmx.process(container.lastElementChild);
  });

  // Show the "other currency" code only when "Other currency" is chosen; the amount only for money.
  function syncObligation(row) {
    var kind = row.querySelector("select[name$='-kind']");
    var currency = row.querySelector("select[name$='-currency']");
    var money = kind && ["pay_money", "fine", "confiscation", "court_fees"].indexOf(kind.value) !== -1;
    row.querySelectorAll("[data-money]").forEach(function (el) { el.hidden = !money; });
    var other = row.querySelector("[data-currency-other]");
    if (other) other.hidden = !(money && currency && currency.value === "OTHER");
  }
  document.addEventListener("change", function (event) {
    var row = event.target.closest("[data-obligation-row]");
    if (row) syncObligation(row);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-obligation-row]").forEach(syncObligation);
  });
})();
