// A background task's progress bar on an admin page (an import, a campaign sending).
// While the status is one of data-running, the bar's JSON is fetched every data-interval ms and
// data-template is filled from it ({key} → the JSON's key); the page reloads when the status
// changes, to show what the new state allows. A failed fetch tries again later: on a weak network
// the task goes on regardless. Without script, the page's <noscript> refresh does the reloading.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var label = document.querySelector("[data-progress-status]");
  var running = (box.getAttribute("data-running") || "").split(" ");
  var interval = parseInt(box.getAttribute("data-interval"), 10) || 2000;
  var status = box.getAttribute("data-status");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function update() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (p) {
        bar.value = p.percent;
        bar.textContent = p.percent + " %";
        text.textContent = fill(box.getAttribute("data-template"), p);
        if (label && p.status_label) label.textContent = p.status_label;
        if (p.status !== status) window.location.reload();
        else if (running.indexOf(p.status) !== -1) setTimeout(update, interval);
      })
      .catch(function () { setTimeout(update, interval * 5); });
  }

  if (running.indexOf(status) !== -1) setTimeout(update, interval);
})();
