import { doorServiceWorkerScript } from "@/lib/checkin/door-service-worker";

/**
 * The door's service worker, made for the build in place (lib/checkin/door-service-worker.ts).
 * Public like any static file: it holds file names, no data. Never cached by the browser's
 * HTTP cache, so that a new build's worker is found at the next visit.
 */
export const dynamic = "force-dynamic";

export function GET() {
  return new Response(doorServiceWorkerScript(), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache, no-store, must-revalidate" },
  });
}
