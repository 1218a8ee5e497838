/**
 * What each role may do. Read by the server guards (lib/auth/guards.ts), and by
 * the UI only to hide what a user cannot use. Scope (which unit, which body) is
 * applied separately, in SQL (lib/auth/scope.ts).
 */
import type { Role } from "@/db/schema";

export const ACTIONS = [
  "home:read",
  "account:manage-own",
  "campaign:read",
  "conference:read",
  /** The live counter (projector) of a conference's part: everyone who reads it, and its door staff. */
  "conference:live",
  "conference:write",
  "invitation:manage",
  "people:manage",
  "checkin:scan",
  "checkin:walk-in",
  "checkin:undo",
  "checkin:assignments",
  "report:read",
  "absence:record",
  /** Record who handed in their reflection essay (bài thu hoạch) after a conference. */
  "essay:record",
  "user:manage",
  "unit:manage",
  "body:manage",
  "campaign:manage",
  "audit:read",
  /** "Mở lại hội nghị thực hành": the demo's practice conference, open again from now. */
  "practice:reopen",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  organizer: [
    "home:read",
    "account:manage-own",
    "campaign:read",
    "conference:read",
    "conference:live",
    "conference:write",
    "invitation:manage",
    "people:manage",
    "checkin:scan",
    "checkin:walk-in",
    "checkin:undo",
    "report:read",
    "absence:record",
    "essay:record",
  ],
  scanner: ["home:read", "account:manage-own", "conference:live", "checkin:scan", "checkin:walk-in", "checkin:assignments"],
  viewer: ["home:read", "account:manage-own", "campaign:read", "conference:read", "conference:live", "report:read"],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}
