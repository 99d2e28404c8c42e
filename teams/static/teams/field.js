/* Field app of the community tech teams: the visit form and the pages kept for offline use (the
 * forms for a household or a person met and the queue page are in forms.js). Everything typed goes through the
 * offline queue (queue.js, window.phuongSoQueue) first, so nothing is lost without a network.
 * Plain JavaScript, no framework; every text comes from #field-text. */
(function () {
  "use strict";

  var app = document.getElementById("field-app");
  var queue = window.phuongSoQueue;
  if (!app || !queue) return;
  var config = app.dataset;
  var text = document.getElementById("field-text").dataset;
  var PAGES = "doi-pages";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function notice(message, link) {
    var box = $("[data-notice]");
    if (!box) return;
    box.textContent = message;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(a);
    }
    box.className = "message field-notice " + (link && link.refused ? "message--error" : "message--success");
    box.hidden = false;
  }
  // An error is shown where the member's eyes are: below the sticky bar, with focus on it.
  function showError(box, message) {
    box.textContent = message;
    box.hidden = false;
    box.setAttribute("tabindex", "-1");
    box.scrollIntoView({ block: "center" });
    box.focus({ preventScroll: true });
  }
  // The browser's own bubbles (a required field left empty) too: the first invalid field is
  // brought to the middle of the screen, not left under the bar.
  document.addEventListener("invalid", function (event) {
    var form = event.target.form;
    if (!form || form.dataset.scrolled) return;
    form.dataset.scrolled = "1";
    event.target.scrollIntoView({ block: "center" });
    setTimeout(function () { delete form.dataset.scrolled; }, 0);
  }, true);

  // What the phone can check before queueing, in the server's words.
  var PHONE = /^\+?[\d\s().-]{1,20}$/;
  function phoneProblem(value) {
    var typed = (value || "").trim();
    if (!typed) return "";
    var digits = typed.replace(/\D/g, "");
    if (!PHONE.test(typed)) return text.badPhone;
    if (digits.indexOf("84") === 0 && digits.length === 11) digits = "0" + digits.slice(2);
    if (!/^0[35789]\d{8}$/.test(digits)) return text.badPhone;
    return "";
  }
  function personProblem(name, phone) {
    var trimmed = (name || "").trim();
    if (!trimmed || !/[^\d\s.,-]/.test(trimmed)) return text.badName;
    return phoneProblem(phone);
  }

  // After a record was sent (or not), say its true state: saved on the phone, sent, or refused.
  function tell(record, sentLink) {
    return queue.get(record.uuid).then(function (left) {
      if (!left) {
        notice(text.savedSent, sentLink);
      } else if (left.state === "refused") {
        notice(text.refusedNow + " " + left.reason, { href: config.queueUrl, text: text.openQueue, refused: true });
      } else {
        notice(text.saved);
      }
      return left;
    });
  }

  // --- the visit form -------------------------------------------------------------------------
  function numberOrNull(value) {
    if (value === null || value === "") return null;
    var n = Number(value);
    return isNaN(n) ? null : n;
  }
  function collect(form) {
    var data = new FormData(form);
    var present = data.getAll("present");
    var attendees = [];
    $$("[data-resident]", form).forEach(function (box) {
      var id = box.dataset.resident;
      var actions = data.getAll("actions_" + id);
      if (present.indexOf(id) < 0 && !actions.length) return;
      attendees.push({
        resident_id: Number(id), actions: actions,
        procedure: data.get("procedure_" + id) || "", other: data.get("other_" + id) || ""
      });
    });
    var newName = (data.get("new_full_name") || "").trim();
    if (newName) {
      attendees.push({
        new_full_name: newName, new_birth_year: numberOrNull(data.get("new_birth_year")),
        new_phone: data.get("new_phone") || "", actions: data.getAll("actions_new"),
        procedure: data.get("procedure_new") || "", other: data.get("other_new") || ""
      });
    }
    var byUuid = form.dataset.householdUuid;
    return {
      household_id: byUuid ? null : Number(form.dataset.household),
      household_uuid: byUuid || null,
      visited_at: new Date().toISOString(),
      outcome: data.get("outcome") || "",
      attendees: attendees,
      follow_up_on: data.get("follow_up_on") || null,
      follow_up_reason: (data.get("follow_up_reason") || "").trim(),
      notes: data.get("notes") || "",
      latitude: numberOrNull(data.get("latitude")),
      longitude: numberOrNull(data.get("longitude")),
      gps_accuracy_m: numberOrNull(data.get("gps_accuracy_m"))
    };
  }
  // The server decides; these few checks only spare a member a refusal later, offline.
  function problemWith(payload) {
    var someone = payload.attendees.length > 0;
    if ((payload.outcome === "done" || payload.outcome === "partly") && !someone) return text.needAttendee;
    if (payload.outcome === "nobody_home" && someone) return text.nobodyAttendee;
    for (var i = 0; i < payload.attendees.length; i++) {
      var a = payload.attendees[i];
      if (a.new_full_name !== undefined) {
        var person = personProblem(a.new_full_name, a.new_phone);
        if (person) return person;
      }
      if (a.actions.indexOf("submitted_online") >= 0 && !a.procedure.trim()) return text.needProcedure;
      if (a.actions.indexOf("other") >= 0 && !a.other.trim()) return text.needOther;
    }
    if (payload.follow_up_on && !payload.follow_up_reason) return text.needReason;
    if (!payload.follow_up_on && payload.follow_up_reason) return text.needDate;
    return "";
  }
  function fill(form, record) {
    var p = record.payload;
    form.reset();
    $$("input[name=outcome]", form).forEach(function (r) { r.checked = r.value === p.outcome; });
    p.attendees.forEach(function (a) {
      var key = a.resident_id ? String(a.resident_id) : "new";
      if (a.resident_id) {
        var box = $("input[name=present][value='" + key + "']", form);
        if (box) box.checked = true;
      } else {
        form.elements.new_full_name.value = a.new_full_name || "";
        form.elements.new_birth_year.value = a.new_birth_year || "";
        form.elements.new_phone.value = a.new_phone || "";
        $("[data-new-person]", form).open = true;
      }
      $$("input[name=actions_" + key + "]", form).forEach(function (c) { c.checked = a.actions.indexOf(c.value) >= 0; });
      if (form.elements["procedure_" + key]) form.elements["procedure_" + key].value = a.procedure || "";
      if (form.elements["other_" + key]) form.elements["other_" + key].value = a.other || "";
    });
    ["follow_up_on", "follow_up_reason", "notes", "latitude", "longitude", "gps_accuracy_m"].forEach(function (name) {
      form.elements[name].value = p[name] === null || p[name] === undefined ? "" : p[name];
    });
  }

  function setUpForm(form) {
    var editing = new URLSearchParams(location.search).get("sua");
    if (form.dataset.householdUuid === "") {
      // A household added on this phone and not yet on the server: its visit names it by UUID.
      var pending = new URLSearchParams(location.search).get("ho") || "";
      form.dataset.householdUuid = pending;
      queue.get(pending).then(function (household) {
        if (!household) return;
        form.dataset.label = household.label;
        var title = $("[data-new-household]");
        if (title) title.textContent = household.label;
      });
    }
    var original = null;
    var error = $("[data-form-error]", form);
    if (editing) {
      queue.get(editing).then(function (record) {
        if (record && record.payload.household_uuid) form.dataset.householdUuid = record.payload.household_uuid;
        if (!record || record.user !== config.user) return;
        original = record;
        fill(form, record);
        showActions();
        var banner = $("[data-editing]");
        banner.textContent = text.editing + " " + (record.reason || "");
        banner.hidden = false;
      });
    }
    // What was done with a resident shows once they are marked present: a shorter form.
    function showActions() {
      $$("[data-resident]", form).forEach(function (box) {
        var actions = $(".attendee__actions", box);
        var present = $("input[name=present]", box).checked;
        actions.hidden = !present && !$$("input:checked", actions).length;
      });
    }
    form.addEventListener("change", showActions);
    showActions();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var payload = collect(form);
      var problem = problemWith(payload);
      if (problem) { showError(error, problem); return; }
      error.hidden = true;
      if (original) payload.visited_at = original.payload.visited_at;
      queue.enqueue({
        uuid: original ? original.uuid : undefined, kind: "visit",
        label: form.dataset.label, url: location.pathname, payload: payload,
        savedAt: original ? original.savedAt : undefined
      }).catch(function () {
        // No IndexedDB here (a private window): send the plain form, as without JavaScript.
        form.elements.client_uuid.value = queue.newUuid();
        form.submit();
        return Promise.reject(new Error("no queue"));
      }).then(function (record) {
        form.reset();
        showActions();
        original = null;
        $("[data-editing]").hidden = true;
        if (editing) history.replaceState(null, "", location.pathname);
        notice(text.saved);
        window.scrollTo(0, 0);
        return queue.sync(false).then(function () { return tell(record); });
      }, function () { return null; });
    });
    var gps = $("[data-gps]", form);
    if (gps && navigator.geolocation) {
      gps.hidden = false;
      gps.addEventListener("click", function () {
        var status = $("[data-gps-status]", form);
        navigator.geolocation.getCurrentPosition(function (position) {
          form.elements.latitude.value = position.coords.latitude.toFixed(6);
          form.elements.longitude.value = position.coords.longitude.toFixed(6);
          form.elements.gps_accuracy_m.value = Math.round(position.coords.accuracy);
          status.textContent = text.gpsOk.replace("%(m)s", Math.round(position.coords.accuracy));
        }, function () { status.textContent = text.gpsFail; }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      });
    }
  }

  // --- offline use: the service worker, and the households listed kept for later --------------
  function keepListedPages() {
    var links = $$("a[data-precache]").map(function (a) { return a.href; });
    var ready = $("[data-offline-ready]");
    if (!ready || !window.caches || !navigator.onLine) return Promise.resolve();
    links.push(location.href);
    return caches.open(PAGES).then(function (cache) {
      return Promise.all(links.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) return cache.put(url, response);
          return null;
        }).catch(function () { return null; });
      }));
    }).then(function () {
      return navigator.serviceWorker ? navigator.serviceWorker.ready : null;
    }).then(function () {
      if (navigator.serviceWorker && !navigator.serviceWorker.controller) {
        return new Promise(function (resolve) {
          navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
          setTimeout(resolve, 5000);
        });
      }
      return null;
    }).then(function () {
      ready.textContent = text.ready;
      ready.hidden = false;
    });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(config.swUrl, { scope: config.scope }).catch(function () {});
  }

  function setUpLogout() {
    var form = $("form[data-logout]");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      var pending = Number(app.dataset.waiting || "0");
      if (pending > 0 && !window.confirm(text.logoutConfirm)) { event.preventDefault(); return; }
      // Pages of households stay on a shared phone otherwise; the queue itself is kept.
      if (window.caches) caches.delete(PAGES);
    });
  }

  // --- start ----------------------------------------------------------------------------------
  registerWorker();
  setUpLogout();
  // A button that undoes work (data-confirm="…") asks first.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });
  window.phuongSoField = {
    notice: notice, showError: showError, phoneProblem: phoneProblem, personProblem: personProblem, tell: tell
  };
  var form = document.getElementById("visit-form");
  if (form) setUpForm(form);
  keepListedPages();
})();
