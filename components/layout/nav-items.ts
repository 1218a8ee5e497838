import type { Action } from "@/lib/permissions";

export type NavLabel = "home" | "checkin" | "calendar" | "conferences" | "board" | "reports" | "people" | "admin" | "audit" | "account";

/** The navigation, in order; an entry is shown only to roles that may open its page. */
export const NAV_ITEMS: { href: string; label: NavLabel; action: Action }[] = [
  { href: "/", label: "home", action: "home:read" },
  { href: "/checkin", label: "checkin", action: "checkin:scan" },
  { href: "/calendar", label: "calendar", action: "conference:read" },
  { href: "/conferences", label: "conferences", action: "conference:read" },
  { href: "/board", label: "board", action: "campaign:read" },
  { href: "/reports", label: "reports", action: "report:read" },
  { href: "/people", label: "people", action: "people:manage" },
  { href: "/admin", label: "admin", action: "user:manage" },
  { href: "/admin/audit", label: "audit", action: "audit:read" },
  { href: "/account", label: "account", action: "account:manage-own" },
];
