// An import job's progress bar, fetched every second while a task runs; the page reloads when the
// task has finished or fetching fails. Without script, a <noscript> meta refresh reloads the page.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var running = ["queued", "previewing", "confirming"];
  var status = box.getAttribute("data-status");

  function update() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (p) {
        bar.value = p.percent;
        bar.textContent = p.percent + " %";
        text.textContent = box.getAttribute("data-template")
          .replace("{done}", p.rows_done).replace("{total}", p.rows_total)
          .replace("{percent}", p.percent);
        if (p.status !== status || running.indexOf(p.status) === -1) window.location.reload();
        else setTimeout(update, 1000);
      })
      .catch(function () { window.location.reload(); });
  }

  setTimeout(update, 1000);
})();
