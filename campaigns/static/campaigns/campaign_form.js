// Live audience count and per-recipient preview while a campaign is being written.
(function () {
  "use strict";
  var form = document.querySelector("[data-campaign-form]");
  var panel = document.getElementById("audience-panel");
  if (!form || !panel || !window.fetch) return;
  var timer = null;
  var pending = null;

  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    var data = new FormData(form);
    data.set("action", "preview");
    panel.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      signal: pending.signal,
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        panel.innerHTML = html;
        panel.removeAttribute("aria-busy");
      })
      .catch(function () { panel.removeAttribute("aria-busy"); });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  if (!panel.querySelector("[data-audience-counts]")) refresh();
})();
