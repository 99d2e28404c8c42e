/* Field app of the community tech teams: visits are saved on the phone first (IndexedDB, one
 * client UUID each), then sent to the sync API when there is a network: at once, on "online", on
 * a timer with backoff, and on "Gửi ngay". A refused record stays with its reason until corrected
 * or discarded. Plain JavaScript, no framework; every text comes from #field-text. */
(function () {
  "use strict";

  var app = document.getElementById("field-app");
  if (!app) return;
  var config = app.dataset;
  var text = document.getElementById("field-text").dataset;
  var user = config.user;
  var DB_NAME = "phuongso-doi";
  var STORE = "visits";
  var PAGES = "doi-pages";
  var BATCH = 100;
  var IDLE_MS = 30000;
  var failures = 0;
  var timer = null;
  var syncing = false;
  var loginNeeded = false;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // --- the queue in IndexedDB -------------------------------------------------------------
  var dbPromise = null;
  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "uuid" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }
  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }
  var queue = {
    all: function () { return withStore("readonly", function (s) { return s.getAll(); }); },
    get: function (uuid) { return withStore("readonly", function (s) { return s.get(uuid); }); },
    put: function (record) { return withStore("readwrite", function (s) { return s.put(record); }); },
    remove: function (uuid) { return withStore("readwrite", function (s) { return s.delete(uuid); }); }
  };
  window.phuongSoQueue = queue;

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- what the member sees: network, count waiting, notes --------------------------------
  var bar = $(".sync-bar");
  function setNote(message) { var note = $("[data-note]"); if (note) note.textContent = message || ""; }
  function notice(message) {
    var box = $("[data-notice]");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }
  function showNetwork() {
    var online = navigator.onLine;
    var label = $("[data-network]");
    if (label) label.textContent = online ? text.online : text.offline;
    if (bar) bar.dataset.state = loginNeeded ? "login" : online ? "online" : "offline";
  }
  function mine(records) { return records.filter(function (r) { return r.user === user; }); }
  function refreshCount() {
    return queue.all().then(function (records) {
      var own = mine(records);
      var pending = own.filter(function (r) { return r.state !== "refused"; }).length;
      var refused = own.length - pending;
      $("[data-pending]").textContent = String(pending);
      $("[data-refused]").textContent = String(refused);
      $("[data-refused-wrap]").hidden = refused === 0;
      app.dataset.waiting = String(pending);
      renderQueue(records);
      return pending;
    });
  }

  // --- sending ------------------------------------------------------------------------------
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    return localStorage.getItem("doi-csrf") || "";
  }
  function rememberCsrf() {
    var input = $("input[name=csrfmiddlewaretoken]");
    if (input) localStorage.setItem("doi-csrf", input.value);
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () { sync(false); }, delay);
  }
  function backoff() {
    failures += 1;
    var delay = Math.min(300000, 5000 * Math.pow(2, failures - 1));
    schedule(delay * (0.8 + Math.random() * 0.4));
  }

  function apply(chunk, results) {
    var byUuid = {};
    chunk.forEach(function (record) { byUuid[record.uuid] = record; });
    return Promise.all(results.map(function (result) {
      var record = byUuid[result.client_uuid];
      if (!record) return null;
      if (result.status === "created" || result.status === "duplicate") return queue.remove(record.uuid);
      if (result.status === "refused") {
        record.state = "refused";
        record.reason = result.reason;
        record.errors = result.errors || {};
        return queue.put(record);
      }
      return null; // "error": kept, sent again later
    }));
  }

  function send(chunk) {
    return fetch(config.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ records: chunk.map(function (r) { return r.payload; }) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 401 || response.status === 403) {
          throw { login: true, detail: body.detail };
        }
        if (!response.ok) throw { detail: body.detail };
        return apply(chunk, body.results || []);
      });
    });
  }

  function sync(manual) {
    if (syncing) return Promise.resolve();
    return queue.all().then(function (records) {
      var waiting = mine(records).filter(function (r) { return r.state !== "refused"; });
      if (!waiting.length) { failures = 0; schedule(IDLE_MS); return null; }
      if (!navigator.onLine && !manual) { schedule(IDLE_MS); return null; }
      if (loginNeeded && !manual) return null;
      syncing = true;
      setNote(text.sending);
      var chain = Promise.resolve();
      for (var i = 0; i < waiting.length; i += BATCH) {
        (function (chunk) { chain = chain.then(function () { return send(chunk); }); })(waiting.slice(i, i + BATCH));
      }
      return chain.then(function () {
        failures = 0;
        loginNeeded = false;
        $("[data-login]").hidden = true;
        setNote(text.sent);
        schedule(IDLE_MS);
      }, function (problem) {
        if (problem && problem.login) {
          loginNeeded = true;
          $("[data-login]").hidden = false;
          setNote(problem.detail || text.login);
        } else {
          setNote((problem && problem.detail) || text.retry);
          backoff();
        }
      }).then(function () {
        syncing = false;
        showNetwork();
        return refreshCount();
      });
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
    return {
      household_id: Number(form.dataset.household),
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
    var original = null;
    var error = $("[data-form-error]", form);
    if (editing) {
      queue.get(editing).then(function (record) {
        if (!record || record.user !== user) return;
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
      if (problem) { error.textContent = problem; error.hidden = false; error.scrollIntoView(); return; }
      error.hidden = true;
      payload.client_uuid = original ? original.uuid : newUuid();
      if (original) payload.visited_at = original.payload.visited_at;
      var record = {
        uuid: payload.client_uuid, user: user, state: "pending", reason: "", errors: {},
        label: form.dataset.label, url: location.pathname, savedAt: new Date().toISOString(),
        payload: payload
      };
      // Ask the browser not to clear this site's storage (and so the queue) when space runs low.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
      queue.put(record).catch(function () {
        // No IndexedDB here (a private window): send the plain form, as without JavaScript.
        form.submit();
        return Promise.reject(new Error("no queue"));
      }).then(function () {
        form.reset();
        showActions();
        original = null;
        $("[data-editing]").hidden = true;
        if (editing) history.replaceState(null, "", location.pathname);
        notice(text.saved);
        window.scrollTo(0, 0);
        return refreshCount();
      }).then(function () { return sync(false); }, function () { return null; });
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

  // --- the queue page -----------------------------------------------------------------------
  function renderQueue(records) {
    var list = document.getElementById("queue-list");
    if (!list) return;
    list.textContent = "";
    var own = mine(records);
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
      meta.textContent = (record.state === "refused" ? text.refusedLabel : text.pendingLabel) + " · " +
        text.savedAt + " " + new Date(record.payload.visited_at).toLocaleString();
      item.appendChild(title);
      item.appendChild(meta);
      if (record.state === "refused") {
        var reason = document.createElement("span");
        reason.className = "queue__reason";
        reason.textContent = record.reason;
        item.appendChild(reason);
        var buttons = document.createElement("span");
        buttons.className = "queue__buttons";
        // A household no longer in the member's areas cannot be opened to edit; once the
        // leader gives the area back, "Gửi lại" sends the record as it is.
        if (!(record.errors && record.errors.household_id)) {
          var edit = document.createElement("a");
          edit.className = "button button--small";
          edit.href = record.url + "?sua=" + encodeURIComponent(record.uuid);
          edit.textContent = text.edit;
          buttons.appendChild(edit);
        }
        var resend = document.createElement("button");
        resend.type = "button";
        resend.className = "button button--small button--secondary";
        resend.textContent = text.resend;
        resend.addEventListener("click", function () {
          record.state = "pending";
          queue.put(record).then(refreshCount).then(function () { return sync(true); });
        });
        buttons.appendChild(resend);
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "button button--small button--secondary";
        discard.textContent = text.discard;
        discard.addEventListener("click", function () {
          if (window.confirm(text.discardConfirm)) queue.remove(record.uuid).then(refreshCount);
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
  rememberCsrf();
  registerWorker();
  showNetwork();
  setUpLogout();
  var form = document.getElementById("visit-form");
  if (form) setUpForm(form);
  window.addEventListener("online", function () { failures = 0; showNetwork(); sync(false); });
  window.addEventListener("offline", showNetwork);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") sync(false);
  });
  $("[data-sync-now]").addEventListener("click", function () { failures = 0; sync(true); });
  refreshCount().then(function () { return sync(false); });
  keepListedPages();
})();
