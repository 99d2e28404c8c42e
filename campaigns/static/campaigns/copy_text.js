// One tap copies a group post. The Clipboard API needs a secure context (HTTPS or localhost);
// elsewhere, or when it is refused, the text is selected so a long press copies it.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const box = document.getElementById(button.dataset.copyTarget);
  const status = button.nextElementSibling;
  try {
    await navigator.clipboard.writeText(box.value);
    status.textContent = button.dataset.copied;
  } catch {
    box.focus();
    box.select();
    status.textContent = button.dataset.select;
  }
});
