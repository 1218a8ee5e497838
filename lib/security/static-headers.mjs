/**
 * Headers for every response: pages, API and files alike (docs/decisions/0012). Plain JS so that
 * next.config.mjs can read it before the build; the check-in fast path sends them too.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Invitation URLs carry the QR token: never send them to another site.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
];
