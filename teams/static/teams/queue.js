/* The field app's offline queue, for every kind of record (a visit, a household, a person met,
 * or any other app's step): saved on the phone first (IndexedDB, one client UUID each), then sent
 * when there is a network: at once, on "online", on a timer with backoff, and on "Gửi ngay".
 *
 * A record: {uuid, user, kind, endpoint, state: "pending" | "refused", reason, errors, label, url,
 * savedAt, payload}. Records are sent in the order they were saved, grouped by endpoint, in chunks
 * of BATCH, as {"records": [{kind, client_uuid, ...payload}]}; the endpoint answers each one with
 * {client_uuid, status: created | duplicate | refused | error, reason, errors, url}. created and
 * duplicate leave the phone; refused stays with its reason until corrected or discarded; error is
 * sent again later. One chunk that fails does not hold back the chunks after it.
 *
 * Other apps use it through window.phuongSoQueue: enqueue({kind, endpoint, label, url, payload}),
 * all(), get(uuid), remove(uuid), syncNow(), or a <form data-offline-kind="..."> (see forms.js).
 * Every text comes from #field-text. */
(function () {
  "use strict";

  var app = document.getElementById("field-app");
  if (!app) return;
  var config = app.dataset;
  var text = document.getElementById("field-text").dataset;
  var user = config.user;
  var DB_NAME = "phuongso-doi";
  var STORE = "visits"; // the store's first name, kept so queued records survive the update
  var BATCH = 100;
  var IDLE_MS = 30000;
  var failures = 0;
  var timer = null;
  var syncing = false;
  var loginNeeded = false;
  var listeners = [];
  var sentUrls = {}; // the page of what was just saved on the server, by client UUID

  function $(selector, root) { return (root || document).querySelector(selector); }

  // --- the store ------------------------------------------------------------------------------
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
  function normalise(record) {
    // Records saved before kinds existed are visits to the teams' sync API.
    if (record && !record.kind) record.kind = "visit";
    if (record && !record.endpoint) record.endpoint = config.syncUrl;
    return record;
  }
  function byAge(a, b) { return (a.savedAt || "") < (b.savedAt || "") ? -1 : 1; }

  var store = {
    all: function () {
      return withStore("readonly", function (s) { return s.getAll(); }).then(function (records) {
        return records.map(normalise).sort(byAge);
      });
    },
    get: function (uuid) {
      return withStore("readonly", function (s) { return s.get(uuid); }).then(normalise);
    },
    put: function (record) { return withStore("readwrite", function (s) { return s.put(record); }); },
    remove: function (uuid) { return withStore("readwrite", function (s) { return s.delete(uuid); }); }
  };

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- what the member sees: network, counts, the true state of each record -------------------
  var bar = $(".sync-bar");
  function setNote(message) { var note = $("[data-note]"); if (note) note.textContent = message || ""; }
  function showNetwork() {
    var online = navigator.onLine;
    var label = $("[data-network]");
    if (label) label.textContent = online ? text.online : text.offline;
    if (bar) bar.dataset.state = loginNeeded ? "login" : online ? "online" : "offline";
  }
  function mine(records) { return records.filter(function (r) { return r.user === user; }); }
  function refreshCount() {
    return store.all().then(function (records) {
      var own = mine(records);
      var pending = own.filter(function (r) { return r.state !== "refused"; }).length;
      var refused = own.length - pending;
      var set = function (selector, value) { var el = $(selector); if (el) el.textContent = value; };
      set("[data-pending]", String(pending));
      set("[data-refused]", String(refused));
      var wrap = $("[data-refused-wrap]");
      if (wrap) wrap.hidden = refused === 0;
      var now = $("[data-sync-now]");
      if (now) now.hidden = pending === 0; // nothing to send: no button that does nothing
      app.dataset.waiting = String(pending);
      listeners.forEach(function (listener) { listener(records); });
      return pending;
    });
  }

  // --- sending --------------------------------------------------------------------------------
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

  function apply(chunk, results, tally) {
    var byUuid = {};
    chunk.forEach(function (record) { byUuid[record.uuid] = record; });
    return Promise.all(results.map(function (result) {
      var record = byUuid[result.client_uuid];
      if (!record) return null;
      if (result.status === "created" || result.status === "duplicate") {
        tally.sent += 1;
        if (result.url) sentUrls[record.uuid] = result.url;
        return store.remove(record.uuid);
      }
      if (result.status === "refused") {
        tally.refused += 1;
        record.state = "refused";
        record.reason = result.reason;
        record.errors = result.errors || {};
        if (result.url) record.serverUrl = result.url;
        return store.put(record);
      }
      tally.waiting += 1;
      return null; // "error": kept, sent again later
    }));
  }

  function send(endpoint, chunk, tally) {
    return fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ records: chunk.map(function (r) {
        var body = { kind: r.kind };
        Object.keys(r.payload).forEach(function (key) { body[key] = r.payload[key]; });
        body.client_uuid = r.uuid;
        return body;
      }) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 401 || response.status === 403) throw { login: true, detail: body.detail };
        if (!response.ok) throw { detail: body.detail };
        return apply(chunk, body.results || [], tally);
      });
    });
  }

  function sync(manual) {
    if (syncing) return Promise.resolve();
    return store.all().then(function (records) {
      var waiting = mine(records).filter(function (r) { return r.state !== "refused"; });
      if (!waiting.length) { failures = 0; schedule(IDLE_MS); return null; }
      if (!navigator.onLine && !manual) { schedule(IDLE_MS); return null; }
      if (loginNeeded && !manual) return null;
      syncing = true;
      setNote(text.sending);
      var groups = {};
      var order = [];
      waiting.forEach(function (record) {
        if (!groups[record.endpoint]) { groups[record.endpoint] = []; order.push(record.endpoint); }
        groups[record.endpoint].push(record);
      });
      var tally = { sent: 0, refused: 0, waiting: 0 };
      var problem = null;
      var chain = Promise.resolve();
      order.forEach(function (endpoint) {
        var list = groups[endpoint];
        for (var i = 0; i < list.length; i += BATCH) {
          (function (chunk) {
            chain = chain.then(function () {
              if (problem && problem.login) return null;
              return send(endpoint, chunk, tally).catch(function (failure) { problem = failure || {}; });
            });
          })(list.slice(i, i + BATCH));
        }
      });
      return chain.then(function () {
        if (problem && problem.login) {
          loginNeeded = true;
          $("[data-login]").hidden = false;
          setNote(problem.detail || text.login);
        } else if (problem) {
          setNote(problem.detail || text.retry);
          backoff();
        } else {
          failures = 0;
          loginNeeded = false;
          $("[data-login]").hidden = true;
          setNote(tally.refused ? text.someRefused.replace("%(n)s", tally.refused)
            : tally.waiting ? text.retry : text.sent);
          schedule(IDLE_MS);
        }
      }).then(function () {
        syncing = false;
        showNetwork();
        return refreshCount();
      });
    });
  }

  function enqueue(options) {
    var record = {
      uuid: options.uuid || newUuid(), user: user, kind: options.kind || "visit",
      endpoint: options.endpoint || config.syncUrl, state: "pending", reason: "", errors: {},
      label: options.label || "", url: options.url || location.pathname,
      savedAt: options.savedAt || new Date().toISOString(), payload: options.payload || {}
    };
    record.payload.client_uuid = record.uuid;
    // Ask the browser not to clear this site's storage (and so the queue) when space runs low.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
    return store.put(record).then(function () { return refreshCount(); }).then(function () { return record; });
  }

  window.phuongSoQueue = {
    all: store.all, get: store.get, put: store.put, remove: store.remove,
    enqueue: enqueue, newUuid: newUuid, refresh: refreshCount, mine: mine,
    sentUrl: function (uuid) { return sentUrls[uuid] || ""; },
    syncNow: function () { failures = 0; return sync(true); },
    sync: sync, onChange: function (listener) { listeners.push(listener); }
  };

  // --- start ----------------------------------------------------------------------------------
  rememberCsrf();
  showNetwork();
  window.addEventListener("online", function () { failures = 0; showNetwork(); sync(false); });
  window.addEventListener("offline", showNetwork);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") sync(false);
  });
  var now = $("[data-sync-now]");
  if (now) now.addEventListener("click", function () { failures = 0; sync(true); });
  document.addEventListener("DOMContentLoaded", function () {
    refreshCount().then(function () { return sync(false); });
  });
})();
