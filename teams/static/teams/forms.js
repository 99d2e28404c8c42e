/* The field app's other forms (a household, a person met, any <form data-offline-kind>) and the
 * queue page. A form with data-offline-kind="K" is saved as a record of kind K with
 * payload {fields: {name: value}} (plus household_id from data-household) and sent to
 * data-endpoint (default: the teams' sync API); inputs with data-check="phone" / "name" are checked
 * on the phone first. Uses queue.js and the helpers field.js exports. */
(function () {
  "use strict";

  var app = document.getElementById("field-app");
  var queue = window.phuongSoQueue;
  var ui = window.phuongSoField;
  if (!app || !queue || !ui) return;
  var config = app.dataset;
  var text = document.getElementById("field-text").dataset;
  var notice = ui.notice;
  var showError = ui.showError;
  var phoneProblem = ui.phoneProblem;
  var personProblem = ui.personProblem;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // --- forms for a household or a person met: the same queue as visits ----------------------
  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, key) {
      if (key === "csrfmiddlewaretoken") return;
      if (fields[key] === undefined) fields[key] = value;
      else fields[key] = [].concat(fields[key], value);
    });
    return fields;
  }
  function fillFields(form, fields) {
    Object.keys(fields).forEach(function (key) {
      var field = form.elements[key];
      if (!field) return;
      if (field.type === "checkbox") field.checked = !!fields[key];
      else field.value = fields[key];
    });
  }
  function setUpOfflineForm(form) {
    var error = $("[data-form-error]", form);
    var editing = new URLSearchParams(location.search).get("sua");
    var original = null;
    if (editing) {
      queue.get(editing).then(function (record) {
        if (!record || record.user !== config.user) return;
        original = record;
        fillFields(form, record.payload.fields);
        showError(error, text.editing + " " + (record.reason || ""));
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var fields = formFields(form);
      if (event.submitter && event.submitter.name) fields[event.submitter.name] = event.submitter.value;
      var problem = "";
      $$("[data-check]", form).forEach(function (input) {
        if (problem) return;
        if (input.dataset.check === "phone") problem = phoneProblem(input.value);
        if (input.dataset.check === "name") problem = personProblem(input.value, "");
      });
      if (problem) { showError(error, problem); return; }
      error.hidden = true;
      var label = (form.dataset.offlineLabel || "") + " " + $$("[data-label-part]", form).map(function (input) {
        return input.value.trim();
      }).filter(Boolean).join(" — ");
      var payload = { fields: fields };
      if (form.dataset.household) payload.household_id = Number(form.dataset.household);
      queue.enqueue({
        uuid: original ? original.uuid : undefined, kind: form.dataset.offlineKind,
        endpoint: form.dataset.endpoint || undefined, label: label.trim(), url: location.pathname,
        payload: payload, savedAt: original ? original.savedAt : undefined
      }).then(function (record) {
        form.reset();
        original = null;
        if (editing) history.replaceState(null, "", location.pathname);
        notice(text.saved);
        return queue.sync(false).then(function () { return queue.get(record.uuid); }).then(function (left) {
          if (!left) {
            notice(text.savedSent);
            var next = form.dataset.next === "saved" ? queue.sentUrl(record.uuid) : form.dataset.next;
            if (next) location.href = next;
            return;
          }
          if (left.state === "refused") {
            // Refused (a household already on the list…): the form gets back what was typed.
            original = left;
            fillFields(form, left.payload.fields);
            showError(error, text.refusedNow + " " + left.reason);
            var confirmNew = $("[data-confirm-new]", form);
            if (confirmNew && left.serverUrl) confirmNew.hidden = false;
            if (left.serverUrl) {
              var open = document.createElement("a");
              open.href = left.serverUrl;
              open.className = "button button--secondary";
              open.textContent = text.openExisting;
              error.appendChild(document.createTextNode(" "));
              error.appendChild(open);
            }
            return;
          }
          if (form.dataset.offlineKind === "household") {
            notice(text.saved, { href: config.newHouseholdUrl + "?ho=" + encodeURIComponent(record.uuid), text: text.visitNew });
          }
          window.scrollTo(0, 0);
        });
      }).catch(function () { form.submit(); });
    });
  }

  // --- the queue page -----------------------------------------------------------------------
  function renderQueue(records) {
    var list = document.getElementById("queue-list");
    if (!list) return;
    list.textContent = "";
    var own = queue.mine(records);
    var others = records.length - own.length;
    if (!own.length) {
      var empty = document.createElement("li");
      empty.textContent = text.empty;
      list.appendChild(empty);
    }
    own.forEach(function (record) {
      var item = document.createElement("li");
      item.className = "card";
      var title = document.createElement("strong");
      title.textContent = record.label;
      var meta = document.createElement("span");
      meta.className = "card__meta";
      var when = record.payload.visited_at || record.savedAt;
      meta.textContent = (record.state === "refused" ? text.refusedLabel : text.pendingLabel) + " · " +
        (text["kind" + record.kind.charAt(0).toUpperCase() + record.kind.slice(1)] || "") + " · " +
        text.savedAt + " " + new Date(when).toLocaleString();
      item.appendChild(title);
      item.appendChild(meta);
      if (record.state === "refused") {
        var reason = document.createElement("span");
        reason.className = "queue__reason";
        reason.textContent = record.reason + " " + text.whatToDo;
        item.appendChild(reason);
        var buttons = document.createElement("span");
        buttons.className = "queue__buttons";
        if (record.serverUrl) {
          var open = document.createElement("a");
          open.className = "button button--small";
          open.href = record.serverUrl;
          open.textContent = text.openExisting;
          buttons.appendChild(open);
        }
        // A household no longer in the member's areas cannot be opened to edit; once the
        // leader gives the area back, "Gửi lại" sends the record as it is.
        if (!(record.errors && record.errors.household_id)) {
          var edit = document.createElement("a");
          edit.className = "button button--small";
          edit.href = record.url + (record.url.indexOf("?") < 0 ? "?" : "&") + "sua=" + encodeURIComponent(record.uuid);
          edit.textContent = text.edit;
          buttons.appendChild(edit);
        }
        var resend = document.createElement("button");
        resend.type = "button";
        resend.className = "button button--small button--secondary";
        resend.textContent = text.resend;
        resend.addEventListener("click", function () {
          record.state = "pending";
          queue.put(record).then(queue.refresh).then(function () { return queue.syncNow(); });
        });
        buttons.appendChild(resend);
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "button button--small button--danger";
        discard.textContent = text.discard;
        discard.addEventListener("click", function () {
          if (window.confirm(text.discardConfirm)) queue.remove(record.uuid).then(queue.refresh);
        });
        buttons.appendChild(discard);
        item.appendChild(buttons);
      }
      list.appendChild(item);
    });
    if (others) {
      var note = document.createElement("li");
      note.textContent = text.otherUser + " " + others;
      list.appendChild(note);
    }
  }

  queue.onChange(renderQueue);
  $$("form[data-offline-kind]").forEach(setUpOfflineForm);
})();
