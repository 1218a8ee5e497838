import { describe, expect, it } from "vitest";
import { NAV_ITEMS } from "@/components/layout/nav-items";
import { ROLES } from "@/db/schema";
import { ACTIONS, can, PERMISSIONS } from "./permissions";

describe("permission table", () => {
  it("gives the admin every action", () => {
    for (const action of ACTIONS) expect(can("admin", action)).toBe(true);
  });

  it("lets only admins manage users", () => {
    expect(ROLES.filter((role) => can(role, "user:manage"))).toEqual(["admin"]);
  });

  it("keeps door staff to the door", () => {
    // The door, and the projector's live counter of the sites they are assigned to (scope in SQL: siteReadScope).
    expect([...PERMISSIONS.scanner].sort()).toEqual([
      "account:manage-own",
      "checkin:assignments",
      "checkin:scan",
      "checkin:walk-in",
      "conference:live",
      "home:read",
    ]);
    expect(can("scanner", "checkin:undo")).toBe(false);
    expect(can("scanner", "conference:read")).toBe(false);
    expect(can("scanner", "report:read")).toBe(false);
  });

  it("lets viewers read but never write", () => {
    expect(can("viewer", "conference:read")).toBe(true);
    expect(can("viewer", "report:read")).toBe(true);
    for (const write of ["conference:write", "invitation:manage", "checkin:scan", "user:manage"] as const) {
      expect(can("viewer", write)).toBe(false);
    }
  });

  it("lets organisers write conferences and invitations but not manage users", () => {
    expect(can("organizer", "conference:write")).toBe(true);
    expect(can("organizer", "invitation:manage")).toBe(true);
    expect(can("organizer", "user:manage")).toBe(false);
  });

  it("lets only admins open the practice conference again", () => {
    expect(ROLES.filter((role) => can(role, "practice:reopen"))).toEqual(["admin"]);
  });

  it("lists only actions that exist", () => {
    for (const role of ROLES) for (const action of PERMISSIONS[role]) expect(ACTIONS).toContain(action);
  });

  it("derives each role's navigation from the table", () => {
    const nav = (role: (typeof ROLES)[number]) => NAV_ITEMS.filter((i) => can(role, i.action)).map((i) => i.href);
    expect(nav("admin")).toEqual(["/", "/checkin", "/calendar", "/conferences", "/board", "/reports", "/people", "/admin", "/admin/audit", "/account"]);
    expect(nav("organizer")).toEqual(["/", "/checkin", "/calendar", "/conferences", "/board", "/reports", "/people", "/account"]);
    expect(nav("viewer")).toEqual(["/", "/calendar", "/conferences", "/board", "/reports", "/account"]);
    expect(nav("scanner")).toEqual(["/", "/checkin", "/account"]);
  });
});
