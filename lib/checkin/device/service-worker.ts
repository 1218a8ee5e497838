/**
 * Registers the door's service worker (/sw.js: lib/checkin/device/door-worker.js, served for the
 * build in place by app/sw.js/route.ts). The worker keeps the door's code by itself, from the
 * build's manifests; the page only asks it to keep the page itself when this visit did not go
 * through it (the first one), so that it reopens with the network off. Browser only.
 */
export function registerDoorServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  void (async () => {
    try {
      const controlled = navigator.serviceWorker.controller !== null;
      await navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" });
      const registration = await navigator.serviceWorker.ready;
      if (!controlled) registration.active?.postMessage({ type: "keep-page", url: location.pathname });
    } catch {
      // No service worker (private mode, old browser): the door still works online and while the page stays open.
    }
  })();
}
