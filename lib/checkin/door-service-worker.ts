/**
 * The door's service worker as this build serves it (server only; GET /sw.js, app/sw.js/route.ts):
 * the worker's text (lib/checkin/device/door-worker.js) under a line that names the build and
 * lists the files the door needs offline, read from Next's own manifests of this build
 * (docs/decisions/0029-offline-store-and-service-worker.md):
 *
 * - the chunks every page boots with (build-manifest.json: polyfills and root main files);
 * - the JS and CSS entry chunks of /scan and /scan/{site} and their layouts (the pages' client
 *   reference manifests, `entryJSFiles` / `entryCSSFiles`);
 * - the chunks those load on demand (named in their code: the QR decoder is one);
 * - the decoder's wasm, the web app manifest and the icons (public/).
 *
 * The build's id (.next/BUILD_ID) is read at each request, so the worker's text, its version and
 * its caches' names change as soon as another build is in place.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const DOOR_PAGES = ["(app)/checkin/page", "(app)/checkin/[siteId]/page"];
const PUBLIC_FILES = ["/zxing/zxing_reader.wasm", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/icon-maskable-512.png"];
const WORKER_SOURCE = path.join(process.cwd(), "lib", "checkin", "device", "door-worker.js");

export interface DoorBuild {
  version: string;
  precache: string[];
}

type ClientManifest = { entryJSFiles?: Record<string, string[]>; entryCSSFiles?: Record<string, { path: string }[]> };

function clientManifest(nextDir: string, page: string): ClientManifest {
  const file = path.join(nextDir, "server", "app", `${page}_client-reference-manifest.js`);
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(file, "utf8"), context);
  return (context.__RSC_MANIFEST as Record<string, ClientManifest>)[`/${page}`] ?? {};
}

/** The files of this build that the door needs offline, as URLs, in a stable order. */
export function doorBuild(nextDir = path.join(process.cwd(), ".next")): DoorBuild {
  const version = fs.readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim();
  const boot = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as { polyfillFiles?: string[]; rootMainFiles?: string[] };
  const files = new Set<string>([...(boot.polyfillFiles ?? []), ...(boot.rootMainFiles ?? [])]);
  for (const page of DOOR_PAGES) {
    const manifest = clientManifest(nextDir, page);
    for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const file of list) files.add(file);
    for (const list of Object.values(manifest.entryCSSFiles ?? {})) for (const css of list) files.add(css.path);
  }
  // Chunks loaded on demand are named in the code of the chunks that load them.
  const pending = [...files].filter((file) => file.endsWith(".js"));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const code = fs.readFileSync(path.join(nextDir, file), "utf8");
    for (const [, found] of code.matchAll(/"(static\/chunks\/[\w.-]+\.(?:js|css))"/g)) {
      if (files.has(found)) continue;
      files.add(found);
      if (found.endsWith(".js")) pending.push(found);
    }
  }
  return { version, precache: [...[...files].sort().map((file) => `/_next/${file}`), ...PUBLIC_FILES] };
}

let cached: { version: string; text: string } | null = null;

/** The worker's text for the build in place (kept until the build's id changes). */
export function doorServiceWorkerScript(): string {
  const nextDir = path.join(process.cwd(), ".next");
  const version = fs.readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim();
  if (cached?.version !== version) {
    const build = doorBuild(nextDir);
    cached = { version, text: `const DOOR_BUILD = ${JSON.stringify(build)};\n${fs.readFileSync(WORKER_SOURCE, "utf8")}` };
  }
  return cached.text;
}
