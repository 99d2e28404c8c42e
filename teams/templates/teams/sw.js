/* Service worker of the field app, scope /doi/ (version {{ version }}).
 * Pages: network first, the last copy when there is no network. Shell: cached at install.
 * Writes (POST) and the API are never cached or answered from here. */
"use strict";
var SHELL = "doi-shell-{{ version }}";
var PAGES = "doi-pages";
var SHELL_URLS = {{ urls_json|safe }};
var OFFLINE_URL = {{ offline_json|safe }};
var NETWORK_TIMEOUT_MS = 8000;
var MATCH = { ignoreVary: true };

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return Promise.all(SHELL_URLS.map(function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (response) {
        return response.ok && !response.redirected ? cache.put(url, response) : null;
      }).catch(function () { return null; });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("doi-shell-") === 0 && key !== SHELL;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(request) {
  return caches.match(request, MATCH).then(function (hit) {
    return hit || caches.match(request, { ignoreVary: true, ignoreSearch: true });
  });
}

function networkFirst(request) {
  return new Promise(function (resolve) {
    var done = false;
    function settle(response) { if (!done && response) { done = true; resolve(response); } }
    var slow = setTimeout(function () { fromCache(request).then(settle); }, NETWORK_TIMEOUT_MS);
    fetch(request).then(function (response) {
      clearTimeout(slow);
      if (response.ok && response.type === "basic" && !response.redirected) {
        var copy = response.clone();
        caches.open(PAGES).then(function (cache) { return cache.put(request.url, copy); });
      }
      settle(response);
    }).catch(function () {
      clearTimeout(slow);
      fromCache(request).then(function (hit) {
        return hit || caches.match(OFFLINE_URL, MATCH);
      }).then(function (fallback) {
        settle(fallback || Response.error());
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0) return;
  if (request.mode === "navigate") {
    if (url.pathname.indexOf(new URL(self.registration.scope).pathname) === 0) {
      event.respondWith(networkFirst(request));
    }
    return;
  }
  if (SHELL_URLS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(request, MATCH).then(function (hit) { return hit || fetch(request); }));
  }
});
