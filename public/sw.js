/*
 * Quán Triệt's service worker: keeps the door pages (/scan…) usable without a
 * network (docs/decisions/0009-offline-door.md). Written by hand, no CDN.
 *
 * - Door pages: network first (with a timeout), the last good copy when the network fails.
 * - Built assets (/_next/static, hashed names), the QR decoder's wasm, icons: cache first.
 * - Everything else, and every API call, goes to the network untouched; the
 *   door's data (roster, queued scans) lives in IndexedDB, not here.
 * - The page posts { type: "keep", urls } so what it has loaded is kept for next time.
 */
const PAGES = "qt-door-pages-v1";
const ASSETS = "qt-door-assets-v1";
const NAVIGATION_TIMEOUT_MS = 3500;
const OFFLINE_HTML =
  '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>Mất mạng</title><body style="font-family:sans-serif;padding:2rem;max-width:40rem"><h1>Mất mạng</h1>' +
  "<p>Trang này chưa được mở trên máy này khi có mạng, nên chưa dùng được khi mất mạng.</p>" +
  "<p>Các trang điểm danh đã mở trước đó vẫn dùng được: quay lại trang điểm danh của điểm cầu.</p></body></html>";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(["/zxing/zxing_reader.wasm", "/manifest.webmanifest", "/icons/icon-192.png"]).catch(() => undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("qt-door-") && n !== PAGES && n !== ASSETS).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

const isDoorPage = (url) => url.pathname === "/scan" || url.pathname.startsWith("/scan/");
const isAsset = (url) =>
  url.pathname.startsWith("/_next/static/") ||
  url.pathname.startsWith("/zxing/") ||
  url.pathname.startsWith("/icons/") ||
  url.pathname === "/manifest.webmanifest";

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
    if (response.ok && !response.redirected) await cache.put(pageKey(request.url), response.clone());
    return response;
  } catch {
    const kept = await cache.match(pageKey(request.url), { ignoreVary: true });
    return kept ?? new Response(OFFLINE_HTML, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
  }
}

/** One copy per page, whatever the query string. */
const pageKey = (href) => {
  const url = new URL(href);
  return url.origin + url.pathname;
};

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
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

self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all(
      data.urls.slice(0, 300).map(async (href) => {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin) return;
        if (isDoorPage(url)) {
          const response = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
          if (response && response.ok && !response.redirected) await (await caches.open(PAGES)).put(pageKey(url.href), response);
        } else if (isAsset(url)) {
          const cache = await caches.open(ASSETS);
          if (!(await cache.match(url.href))) await cache.add(url.href).catch(() => undefined);
        }
      }),
    ),
  );
});
