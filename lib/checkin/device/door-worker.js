/*
 * Quán Triệt's service worker: keeps the door pages (/scan…) usable without a network
 * (docs/decisions/0009-offline-door.md, 0029-offline-store-and-service-worker.md). Written by
 * hand, no CDN. Served as /sw.js by app/sw.js/route.ts, which puts DOOR_BUILD above this text:
 * { version: the build's id, precache: the door's files in this build }. A new build is a new
 * worker (its text differs), with caches of its own name.
 *
 * - install: every file of DOOR_BUILD.precache (the /scan pages' JS and CSS chunks, the chunks
 *   they load on demand such as the QR decoder, the decoder's wasm, the icons) into this build's
 *   cache, and the door pages the previous build kept, fetched again from this build. Any
 *   network failure fails the install: the previous worker stays until the next try.
 * - activate: every cache of another build is deleted.
 * - Door pages: network first (with a timeout), the last good copy when the network fails.
 * - Other built assets (/_next/static, hashed names), /zxing, /icons: cache first, then kept in
 *   a bounded runtime cache (the oldest entries leave first).
 * - Everything else, and every API call, goes to the network untouched; the door's data
 *   (roster, queued scans) lives in IndexedDB, not here.
 */
/* global DOOR_BUILD */
const PREFIX = "qt-door-";
const PRECACHE = `${PREFIX}assets-${DOOR_BUILD.version}`;
const RUNTIME = `${PREFIX}runtime-${DOOR_BUILD.version}`;
const PAGES = `${PREFIX}pages-${DOOR_BUILD.version}`;
const RUNTIME_MAX_ENTRIES = 60;
const PAGES_MAX_ENTRIES = 20;
const NAVIGATION_TIMEOUT_MS = 3500;
const OFFLINE_HTML =
  '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>Mất mạng</title><body style="font-family:sans-serif;padding:2rem;max-width:40rem"><h1>Mất mạng</h1>' +
  "<p>Trang này chưa được mở trên máy này khi có mạng, nên chưa dùng được khi mất mạng.</p>" +
  "<p>Các trang điểm danh đã mở trước đó vẫn dùng được: quay lại trang điểm danh của điểm cầu.</p></body></html>";

const isDoorPage = (url) => /^\/(checkin|scan)(\/|$)/.test(url.pathname);
/** The door page's address before it was renamed (/scan → /checkin): the server redirects it; offline, the kept page answers. */
const currentPath = (href) => {
  const url = new URL(href, self.location.origin);
  url.pathname = url.pathname.replace(/^\/scan(?=\/|$)/, "/checkin");
  return url.href;
};
const isAsset = (url) =>
  url.pathname.startsWith("/_next/static/") ||
  url.pathname.startsWith("/zxing/") ||
  url.pathname.startsWith("/icons/") ||
  url.pathname === "/manifest.webmanifest";

/** One copy per page, whatever the query string. */
const pageKey = (href) => {
  const url = new URL(href, self.location.origin);
  return url.origin + url.pathname;
};

/** A door page fetched for keeping: only a real page (not a redirect to sign-in, not an error). */
async function keepPage(cache, href) {
  const response = await fetch(pageKey(href), { credentials: "same-origin" });
  if (response.ok && !response.redirected) await put(cache, pageKey(href), response, PAGES_MAX_ENTRIES);
}

/** Puts an entry and drops the oldest ones beyond `max` (keys come back in insertion order). */
async function put(cache, key, response, max) {
  await cache.delete(key);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(old);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(PRECACHE)).addAll(DOOR_BUILD.precache);
      // The door pages the previous build kept, as this build serves them (their chunks are the ones just cached).
      const pages = await caches.open(PAGES);
      for (const name of await caches.keys()) {
        if (!name.startsWith(`${PREFIX}pages-`) || name === PAGES) continue;
        for (const request of await (await caches.open(name)).keys()) await keepPage(pages, request.url);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const mine = [PRECACHE, RUNTIME, PAGES];
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && !mine.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function doorPage(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok && !response.redirected) await put(cache, pageKey(request.url), response.clone(), PAGES_MAX_ENTRIES);
    return response;
  } catch {
    const kept = await cache.match(pageKey(currentPath(request.url)), { ignoreVary: true });
    return kept ?? new Response(OFFLINE_HTML, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
  }
}

async function asset(request) {
  const kept =
    (await (await caches.open(PRECACHE)).match(request, { ignoreVary: true })) ?? (await (await caches.open(RUNTIME)).match(request, { ignoreVary: true }));
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await put(await caches.open(RUNTIME), request.url, response.clone(), RUNTIME_MAX_ENTRIES);
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isDoorPage(url)) event.respondWith(doorPage(request));
  else if (isAsset(url)) event.respondWith(asset(request));
});

/** The door page that registered this worker asks for its own copy (its first visit was not through the worker). */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep-page" || typeof data.url !== "string") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin !== self.location.origin || !isDoorPage(url)) return;
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) => keepPage(cache, url.href))
      .catch(() => undefined),
  );
});
