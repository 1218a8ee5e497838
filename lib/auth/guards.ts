/**
 * Guards every page, server action and route handler calls (actions and route handlers through
 * defineAction / defineRoute, lib/http). They answer "who is this and may they do this at all";
 * which rows they may touch is decided in SQL by lib/auth/scope.ts.
 */
import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { forbidden, mustChangePassword, unauthenticated } from "@/lib/http/request-error";
import { can, type Action } from "@/lib/permissions";
import { authOptions } from "./options";
import { loadSessionUser, type SessionUser } from "./session-user";

export type { SessionUser };

/**
 * The signed-in user, loaded once per request: React's cache() is per server request, so the
 * layout, the page and the actions they call share one JWT decode, one user row and one walk of
 * the unit tree.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const claims = session?.user;
  if (!claims || typeof claims.id !== "number") return null;
  return await loadSessionUser(db, claims.id, claims.sessionVersion);
});

/**
 * What a user who must change their password (a new or reset account) may still do:
 * open /account and change it. Everything else waits (pages lead to /account, actions refuse).
 */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: readonly Action[] = ["account:manage-own"];

function waitsForPasswordChange(user: SessionUser, action: Action): boolean {
  return user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.includes(action);
}

/** For pages: anonymous → login; must change the password first → /account; not allowed → 404 (reveals nothing). */
export async function requirePageUser(action: Action): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (waitsForPasswordChange(user, action)) redirect("/account");
  if (!can(user.role, action)) notFound();
  return user;
}

/**
 * For server actions and route handlers (defineAction / defineRoute call it): the user, or a
 * RequestError thrown — 401 without a session, 403 when the role may not or the password must
 * be changed first.
 */
export async function requireUser(action: Action): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  if (!can(user.role, action)) throw forbidden();
  if (waitsForPasswordChange(user, action)) throw mustChangePassword();
  return user;
}
