/**
 * Runs before every page: a fresh CSP nonce per request (Next reads it from the
 * request's CSP header and puts it on its own scripts). API routes and built
 * files are left out (matcher); they get the static headers of next.config.mjs.
 */
import { NextResponse, type NextRequest } from "next/server";
import { pageCsp } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const csp = pageCsp(nonce, { https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|zxing/|icons/|sw\\.js|manifest\\.webmanifest|icon\\.svg).*)" }],
};
