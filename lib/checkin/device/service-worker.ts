/**
 * Registers the door's service worker (public/sw.js) and hands it what this
 * page has loaded, the camera's decoder included, so that the page opens and
 * scans with the network off after one visit online. Browser only.
 */
const sameOriginAssets = () =>
  performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(location.origin) && new URL(name).pathname.startsWith("/_next/static/"));

export function registerDoorServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  void (async () => {
    try {
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      const registration = await navigator.serviceWorker.ready;
      // The camera's decoder is loaded on demand; load it now so it is kept too.
      await import("barcode-detector/ponyfill").catch(() => undefined);
      registration.active?.postMessage({ type: "keep", urls: [location.pathname, "/zxing/zxing_reader.wasm", ...sameOriginAssets()] });
    } catch {
      // No service worker (private mode, old browser): the door still works online and while the page stays open.
    }
  })();
}
