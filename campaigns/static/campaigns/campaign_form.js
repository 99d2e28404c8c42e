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

  // Fields of one channel (a template's id and parameters) show only while it is chosen.
  var channel = form.querySelector("[name=channel]");
  function showChannelFields() {
    var chosen = channel ? channel.value : "";
    form.querySelectorAll("[data-channel-field]").forEach(function (item) {
      item.hidden = item.getAttribute("data-channel-field").split(" ").indexOf(chosen) < 0;
    });
  }
  if (channel) channel.addEventListener("change", showChannelFields);
  showChannelFields();

  // Characters and SMS segments as the message is typed: Vietnamese with diacritics is UCS-2,
  // 70 characters in one segment and 67 per segment beyond; plain GSM text 160 / 153.
  var body = form.querySelector("[name=body]");
  var counter = form.querySelector("[data-segment-counter]");
  var GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡" +
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€";
  function countSegments() {
    if (!body || !counter) return;
    var text = body.value.normalize ? body.value.normalize("NFC") : body.value;
    var gsm = Array.prototype.every.call(text, function (ch) { return GSM.indexOf(ch) >= 0; });
    var single = gsm ? 160 : 70, multi = gsm ? 153 : 67;
    var chars = text.length;
    var segments = chars === 0 ? 0 : chars <= single ? 1 : Math.ceil(chars / multi);
    counter.textContent = counter.getAttribute("data-template")
      .replace("{chars}", chars).replace("{segments}", segments).replace("{per}", single);
  }
  if (body) body.addEventListener("input", countSegments);
  countSegments();

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  if (!panel.querySelector("[data-audience-counts]")) refresh();
})();
