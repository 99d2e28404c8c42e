/* Service worker of the public site: the site shell, the lessons a learner opened or saved,
   and videos only when the learner downloads them. Staff areas are never touched. */
const VERSION = "{{ version }}";
const SHELL = "hoc-shell-" + VERSION;
const PAGES = "hoc-pages";
const SAVED = "hoc-saved";
const MEDIA = "hoc-media";
const VIDEOS = "hoc-videos";
const OFFLINE_URL = {{ offline_url_json|safe }};
const SHELL_URLS = {{ shell_urls_json|safe }};
// Staff areas, the team app (its own worker), redirects and anything that writes.
const NEVER = ["/admin/", "/django-admin/", "/doi/", "/api/", "/dang-nhap/", "/dang-xuat/", "/vao/",
  "/thong-ke/", "/chien-dich/", "/webhooks/", "/i18n/", "/documents/", "/q/", "/l/", "/tu-choi/",
  "/ngon-ngu/", "/sw.js", "/hoc/tien-do/", "/hoc/ma-bao-ve/", "/hoc/bai/", "/hoc/toi-da-lam-duoc/",
  "/hoc/chung-nhan/"];
const MAX_PAGES = 40;
const MAX_MEDIA = 200;
const SLOW_NETWORK_MS = 10000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll(SHELL_URLS);
    await cache.add("/").catch(() => undefined);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("hoc-shell-") && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (url.pathname.startsWith("/hoc/video/")) {
    event.respondWith(fromVideoCache(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/hoc/phu-de/")
             || (url.pathname.startsWith("/media/") && /\.(jpe?g|png|webp|gif|svg)$/i.test(url.pathname))) {
    event.respondWith(cacheFirst(request, url));
  }
});

async function trim(name, max) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - max; i += 1) await cache.delete(keys[i]);
}

// A page that depends on a signed-in session (Vary: Cookie) is never kept on a shared phone.
function cacheable(response) {
  return response.ok && response.type === "basic"
    && !(response.headers.get("Cache-Control") || "").match(/no-store|private/)
    && !/cookie/i.test(response.headers.get("Vary") || "");
}

async function networkFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  const network = fetch(request).then((response) => {
    if (cacheable(response)) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(request.url, copy)).then(() => trim(PAGES, MAX_PAGES));
    }
    return response;
  });
  try {
    if (!cached) return await network;
    // A weak signal that never answers should not hide a copy the phone already has.
    const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
    return await Promise.race([network, slow]);
  } catch (error) {
    return cached || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function cacheFirst(request, url) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) {
    const name = url.pathname.startsWith("/static/") ? SHELL : MEDIA;
    const copy = response.clone();
    caches.open(name).then((cache) => cache.put(request, copy)).then(() => trim(MEDIA, MAX_MEDIA));
  }
  return response;
}

// The <video> element asks for byte ranges; a downloaded video is answered from its blob.
async function fromVideoCache(request) {
  const url = new URL(request.url);
  url.search = "";
  const cached = await (await caches.open(VIDEOS)).match(url.href);
  if (!cached) return fetch(request);
  const range = /^bytes=(\d*)-(\d*)$/.exec((request.headers.get("Range") || "").trim());
  if (!range) return cached;
  const blob = await cached.blob();
  const size = blob.size;
  let start = Number(range[1]);
  let end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (range[1] === "") {
    start = Math.max(0, size - Number(range[2]));
    end = size - 1;
  }
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    statusText: "Partial Content",
    headers: {
      "Content-Type": "video/mp4",
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Length": String(end - start + 1),
      "Accept-Ranges": "bytes",
    },
  });
}
