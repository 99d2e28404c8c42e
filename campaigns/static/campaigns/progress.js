// Sending progress on a campaign's admin page, refreshed every few seconds while it sends.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var status = document.querySelector("[data-progress-status]");
  var openStates = ["scheduled", "sending", "paused"];

  function update() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (p) {
        bar.value = p.percent;
        bar.textContent = p.percent + " %";
        text.textContent = box.getAttribute("data-template")
          .replace("{done}", p.done).replace("{total}", p.to_send)
          .replace("{sent}", p.sent).replace("{delivered}", p.delivered)
          .replace("{failed}", p.failed).replace("{percent}", p.percent);
        if (status) status.textContent = p.status_label;
        if (openStates.indexOf(p.status) !== -1) setTimeout(update, 3000);
        else if (p.status !== box.getAttribute("data-status")) window.location.reload();
      })
      .catch(function () { setTimeout(update, 10000); });
  }

  if (openStates.indexOf(box.getAttribute("data-status")) !== -1) setTimeout(update, 2000);
})();
