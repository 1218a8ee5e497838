/**
 * POST /api/checkin without Next's per-request machinery (docs/decisions/0008-checkin-fast-path.md).
 *
 * The custom server (server.ts) sends this one route here and everything else
 * to Next. It does what the route handler does — session, permission, body
 * limit, zod, flood guard, site access, one transaction — with the same
 * modules; only the framework is left out. Sessions are decoded once per token (their
 * expiry checked on every request),
 * the user row is re-read at most every SESSION_CACHE_MS and site access every
 * ACCESS_CACHE_MS; scans are committed in groups (group-commit.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { decode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { checkInRequestSchema, MAX_CHECKIN_BODY_BYTES } from "@/lib/schemas/checkin";
import { isFlooding } from "./device-rate-limit";
import { readJsonBody, tooLargeHeaders } from "@/lib/http/read-body";
import { badRequest, bodyTooLarge, DOOR_ERRORS, siteRefusal, type DoorError } from "./door-errors";
import { createGroupCommit } from "./group-commit";
import { STATIC_SECURITY_HEADERS } from "@/lib/security/static-headers.mjs";
import { getScanSite, type SiteAccess } from "./site-access";

const SECURITY_HEADERS = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
const SESSION_CACHE_MS = 5000;
/** Site access (assignment, door hours) is re-checked at most this often per user and site. */
const ACCESS_CACHE_MS = 2000;
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(json);
}

function sessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    const name = part.slice(0, eq).trim();
    if (COOKIE_NAMES.includes(name)) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** `now`: the clock the caches and the scans go by (tests move it; the server uses the real one). */
export function createCheckInFastPath(db: Db, secret: string, { now: clock = () => Date.now() }: { now?: () => number } = {}) {
  /** Decoded session cookies: the claims (null: not a valid session) and when the session expires (its JWT exp). */
  const tokens = new Map<string, { claims: { uid: number; sv: number } | null; until: number; expiresAt: number }>();
  const users = new Map<string, { user: SessionUser | null; until: number }>();
  const record = createGroupCommit(db);
  const access = new Map<string, { result: SiteAccess; until: number }>();

  async function siteAccess(user: SessionUser, siteId: number, now: number): Promise<SiteAccess> {
    const key = `${user.id}:${user.role}:${siteId}`;
    const cached = access.get(key);
    if (cached && cached.until > now) return cached.result;
    const result = await getScanSite(db, user, siteId, new Date(now));
    if (access.size > 50_000) access.clear();
    access.set(key, { result, until: now + ACCESS_CACHE_MS });
    return result;
  }

  /** A session that has expired is refused on every request, however long its decoding is kept. */
  function cachedUser(cookie: string, now: number): SessionUser | null | undefined {
    const entry = tokens.get(cookie);
    if (!entry || entry.until < now) return undefined;
    if (!entry.claims || entry.expiresAt <= now) return null;
    const cached = users.get(`${entry.claims.uid}:${entry.claims.sv}`);
    return cached && cached.until >= now ? cached.user : undefined;
  }

  async function userOf(cookie: string, now: number): Promise<SessionUser | null> {
    let entry = tokens.get(cookie);
    if (!entry || entry.until < now) {
      const decoded = await decode({ token: cookie, secret }).catch(() => null);
      const expiresAt = typeof decoded?.exp === "number" ? decoded.exp * 1000 : 0;
      const valid = decoded && typeof decoded.uid === "number" && expiresAt > now;
      entry = { claims: valid ? { uid: decoded.uid as number, sv: decoded.sv as number } : null, until: now + 60_000, expiresAt };
      if (tokens.size > 20_000) tokens.clear();
      tokens.set(cookie, entry);
    }
    if (!entry.claims || entry.expiresAt <= now) return null;
    const key = `${entry.claims.uid}:${entry.claims.sv}`;
    let cached = users.get(key);
    if (!cached || cached.until < now) {
      cached = { user: await loadSessionUser(db, entry.claims.uid, entry.claims.sv), until: now + SESSION_CACHE_MS };
      users.set(key, cached);
    }
    return cached.user;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const now = clock();
    const cookie = sessionCookie(req.headers.cookie);
    const cached = cookie ? cachedUser(cookie, now) : null;
    const user = cached !== undefined ? cached : await userOf(cookie!, now);
    const refuse = (e: DoorError) => send(res, e.status, e.body);
    if (!user) return refuse(DOOR_ERRORS.unauthenticated);
    // A new or reset account picks its own password before it scans (lib/auth/guards.ts).
    if (!can(user.role, "checkin:scan") || user.mustChangePassword) return refuse(DOOR_ERRORS.forbidden);
    const body = await readJsonBody(req, MAX_CHECKIN_BODY_BYTES);
    if (!body.ok && body.reason === "tooLarge") return send(res, 413, bodyTooLarge(MAX_CHECKIN_BODY_BYTES).body, tooLargeHeaders);
    if (!body.ok) return refuse(DOOR_ERRORS.badJson);
    const parsed = checkInRequestSchema.safeParse(body.value);
    if (!parsed.success) return refuse(badRequest(parsed.error));
    const input = parsed.data;
    const allowed = await siteAccess(user, input.siteId, now);
    if (!allowed.ok) return refuse(siteRefusal(allowed.reason));
    if (await isFlooding(db, user.id, input.deviceId, now)) return refuse(DOOR_ERRORS.tooMany);
    try {
      send(res, 200, await record(user.id, { ...input, site: allowed.row }, new Date(now)));
    } catch (error) {
      console.error("check-in failed", error);
      refuse(DOOR_ERRORS.unavailable);
    }
  };
}
