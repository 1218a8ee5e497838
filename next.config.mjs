import createNextIntlPlugin from "next-intl/plugin";
import { STATIC_SECURITY_HEADERS } from "./lib/security/static-headers.mjs";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Server actions' bodies are Next's to read; it counts bytes as they arrive and answers 413
    // past this limit. The largest form (a conference, or 5,000 people invited at once) is far
    // below it. Route handlers have their own limits (lib/http/read-body.ts).
    serverActions: { bodySizeLimit: "1mb" },
    // What the proxy (proxy.ts, pages only) buffers of a request body: above the actions' limit,
    // so that an oversized action is refused with 413 rather than cut short.
    proxyClientMaxBodySize: "2mb",
  },
  // Addresses from before each feature took one name (docs/decisions/0034): bookmarks, printed sheets and saved links still work.
  async redirects() {
    return [
      { source: "/scan", destination: "/checkin", permanent: true },
      { source: "/scan/:siteId", destination: "/checkin/:siteId", permanent: true },
      { source: "/conferences/:id/attendance", destination: "/conferences/:id/report", permanent: true },
      { source: "/api/conferences/:id/attendance.:format(csv|xlsx)", destination: "/api/conferences/:id/report.:format", permanent: true },
      { source: "/api/units/:code/attendance.:format(csv|xlsx)", destination: "/api/units/:code/report.:format", permanent: true },
      { source: "/api/campaigns/:id/attendance.:format(csv|xlsx)", destination: "/api/campaigns/:id/report.:format", permanent: true },
      { source: "/api/campaigns/:id/compliance.csv", destination: "/api/campaigns/:id/board.csv", permanent: true },
    ];
  },
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
