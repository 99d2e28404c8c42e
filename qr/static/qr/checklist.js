// Remembers on this phone which documents a citizen already has, per procedure.
(function () {
  var list = document.querySelector(".checklist[data-key]");
  if (!list) return;
  var key = "phuongso:giay-to:" + list.getAttribute("data-key");
  var boxes = list.querySelectorAll("input[type=checkbox]");
  var saved = [];
  try { saved = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { saved = []; }
  boxes.forEach(function (box) { box.checked = saved.indexOf(box.value) !== -1; });
  list.addEventListener("change", function () {
    var ticked = [];
    boxes.forEach(function (box) { if (box.checked) ticked.push(box.value); });
    try { localStorage.setItem(key, JSON.stringify(ticked)); } catch (e) { /* private mode */ }
  });
})();
