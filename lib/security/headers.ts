/**
 * HTTP security headers (issue 8; docs/decisions/0012-security-headers.md).
 * The page CSP carries a fresh nonce per request (proxy.ts); the other headers
 * are the same on every response (static-headers.mjs: next.config.mjs and the check-in fast path).
 */

/** The CSP of an HTML page. No 'unsafe-eval'; 'wasm-unsafe-eval' lets the QR decoder compile its wasm. */
export function pageCsp(nonce: string, { https }: { https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    // React style attributes (bar widths) and FullCalendar's injected rules.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
