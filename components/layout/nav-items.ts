import type { Action } from "@/lib/permissions";

/** The navigation, in order; an entry is shown only to roles that may open its page. */
export const NAV_ITEMS: { href: string; label: "home" | "conferences" | "users" | "account"; action: Action }[] = [
  { href: "/", label: "home", action: "home:read" },
  { href: "/conferences", label: "conferences", action: "conference:read" },
  { href: "/admin/users", label: "users", action: "user:manage" },
  { href: "/account", label: "account", action: "account:manage-own" },
];
