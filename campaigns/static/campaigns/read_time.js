// The loudspeaker script's read time as staff type, by the rule the server uses
// (campaigns.offline.loudspeaker: words separated by spaces, a fixed pace per minute).
(() => {
  const out = document.querySelector("[data-read-time]");
  const box = out && out.closest("form").querySelector("textarea[name=text]");
  if (!box) return;
  const pace = Number(out.dataset.wordsPerMinute);
  const show = () => {
    const words = box.value.split(/\s+/).filter(Boolean).length;
    const seconds = Math.ceil((words * 60) / pace);
    out.textContent = out.dataset.template
      .replace("{time}", `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`)
      .replace("{length}", box.value.trim().length)
      .replace("{max}", out.dataset.max);
  };
  box.addEventListener("input", show);
  show();
})();
