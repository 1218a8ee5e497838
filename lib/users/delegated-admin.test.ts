import { everyInOrder } from "@/lib/async/in-order";
import { firstRow, writerForSetup } from "@/db/client";
/**
 * Delegated administration (docs/decisions/0018): an admin of Ba Tơ (a unit below the
 * province) manages Ba Tơ's accounts, people, conferences and audit only; the
 * province's admin (root unit) still manages everything.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferences, invitations, people, units, users } from "@/db/schema";
import { auditFilterSchema, searchAudit } from "@/lib/audit/search-audit";
import { conferenceWriteScope, invitationTokenScope } from "@/lib/auth/scope";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { getWritableConference } from "@/lib/conferences/save-conference";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import { getPerson, listPeople, savePerson } from "@/lib/people/people";
import { personFormSchema } from "@/lib/schemas/people";
import { createUserSchema } from "@/lib/schemas/users";
import { createDemoDb } from "@/lib/testing/test-db";
import { listAccountUnits, listUsers } from "./list-users";
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, unlockSignIn } from "./manage-users";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let root: SessionUser;
let baTo: SessionUser;
const unitId = async (code: string) => (await firstRow(handle.db.select().from(units).where(eq(units.code, code))))!.id;
const as = async (username: string) => {
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!;
  return (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
};
const userId = async (username: string) => (await firstRow(handle.db.select().from(users).where(eq(users.username, username))))!.id;

beforeAll(async () => {
  handle = await createDemoDb();
  root = await as("admin");
  await writerForSetup(handle.db)
    .insert(users)
    .values({ username: "quantri.bato", fullName: "Quản trị Ba Tơ", role: "admin", unitId: await unitId("535"), passwordHash: "x" });
  await writerForSetup(handle.db)
    .insert(users)
    .values({ username: "xem.lyson", fullName: "Người xem Lý Sơn", role: "viewer", unitId: await unitId("536"), passwordHash: "x" });
  await writerForSetup(handle.db)
    .insert(users)
    .values({ username: "xem.bato", fullName: "Người xem Ba Tơ", role: "viewer", unitId: await unitId("535"), passwordHash: "x" });
  baTo = await as("quantri.bato");
});
afterAll(() => handle.cleanup());

describe("a unit's admin and accounts", () => {
  it("lists only the accounts and units of their subtree; the root admin lists all", async () => {
    const mine = await listUsers(handle.db, baTo);
    expect(mine.map((u) => u.username)).toContain("xem.bato");
    expect(mine.map((u) => u.username)).not.toContain("xem.lyson");
    expect(mine.map((u) => u.username)).not.toContain("admin");
    expect(mine.some((u) => u.unitName === "Huyện Lý Sơn")).toBe(false);
    expect((await listUsers(handle.db, root)).map((u) => u.username)).toEqual(expect.arrayContaining(["xem.lyson", "xem.bato", "admin"]));
    const unitsOfBaTo = (await listAccountUnits(handle.db, baTo)).map((u) => u.id);
    expect(unitsOfBaTo).toContain(await unitId("535"));
    expect(unitsOfBaTo).not.toContain(await unitId("536"));
    expect(unitsOfBaTo).not.toContain(await unitId("51"));
  });

  it("changes only accounts of their subtree", async () => {
    const other = await userId("xem.lyson");
    expect(await resetUserPassword(handle.db, baTo, other)).toEqual({ ok: false, code: "userNotFound" });
    expect(await setUserDisabled(writerForSetup(handle.db), baTo, other, true)).toEqual({ ok: false, code: "userNotFound" });
    expect(await unlockSignIn(handle.db, baTo, other)).toEqual({ ok: false, code: "userNotFound" });
    expect(await setUserDisabled(writerForSetup(handle.db), baTo, await userId("admin"), true)).toEqual({ ok: false, code: "userNotFound" });
    expect((await firstRow(handle.db.select().from(users).where(eq(users.id, other))))!.disabled).toBe(false);
    expect(await setUserDisabled(writerForSetup(handle.db), baTo, await userId("xem.bato"), true)).toEqual({ ok: true });
    expect(await setUserDisabled(writerForSetup(handle.db), baTo, await userId("xem.bato"), false)).toEqual({ ok: true });
  });

  it("creates accounts in their subtree only, never an admin above their unit", async () => {
    const above = createUserSchema.parse({
      username: "quantri.tinh2",
      fullName: "Quản trị tỉnh",
      role: "admin",
      unitId: String(await unitId("51")),
      password: "mat-khau-du-dai",
    });
    expect(await createUser(handle.db, baTo, above)).toEqual({ ok: false, field: "unitId", code: "unitOutOfScope" });
    const beside = createUserSchema.parse({
      username: "xem.lyson2",
      fullName: "Người Lý Sơn",
      role: "viewer",
      unitId: String(await unitId("536")),
      password: "mat-khau-du-dai",
    });
    expect(await createUser(handle.db, baTo, beside)).toEqual({ ok: false, field: "unitId", code: "unitOutOfScope" });
    const own = createUserSchema.parse({
      username: "xem.bato2",
      fullName: "Người Ba Tơ",
      role: "viewer",
      unitId: String(await unitId("535")),
      password: "mat-khau-du-dai",
    });
    expect(await createUser(handle.db, baTo, own)).toEqual({ ok: true });
  });
});

describe("must change password", () => {
  it("is set by a reset (with a one-time password) and cleared by the user's own change", async () => {
    const id = await userId("xem.bato");
    const reset = await resetUserPassword(handle.db, baTo, id);
    if (!reset.ok) throw new Error(reset.code);
    expect(reset.password).toMatch(/^[A-Z2-9]{10}$/);
    expect((await as("xem.bato")).mustChangePassword).toBe(true);
    expect(await changeOwnPassword(writerForSetup(handle.db), id, reset.password, reset.password)).toEqual({
      ok: false,
      field: "newPassword",
      code: "passwordUnchanged",
    });
    expect(await changeOwnPassword(writerForSetup(handle.db), id, reset.password, "mat-khau-rieng-1")).toEqual({ ok: true });
    expect((await as("xem.bato")).mustChangePassword).toBe(false);
  });
});

describe("a unit's admin and people, conferences, invitations, audit", () => {
  it("reads and changes only their subtree's people", async () => {
    const lySonPerson = (await firstRow(
      handle.db
        .select()
        .from(people)
        .where(eq(people.unitId, await unitId("536"))),
    ))!;
    const baToPerson = (await firstRow(
      handle.db
        .select()
        .from(people)
        .where(eq(people.unitId, await unitId("535"))),
    ))!;
    expect(await getPerson(handle.db, baTo, lySonPerson.id)).toBeNull();
    expect((await getPerson(handle.db, baTo, baToPerson.id))?.id).toBe(baToPerson.id);
    const listed = (await listPeople(handle.db, baTo, {})).rows.map((r) => r.unitName);
    expect(new Set(listed)).toEqual(new Set(["Huyện Ba Tơ"]));
    const input = personFormSchema.parse({
      personId: String(lySonPerson.id),
      fullName: "Đổi Tên Trái Phép",
      unitId: String(await unitId("536")),
      isPartyMember: "",
    });
    expect(await savePerson(handle.db, baTo, input)).toMatchObject({ ok: false });
    expect((await firstRow(handle.db.select().from(people).where(eq(people.id, lySonPerson.id))))!.fullName).toBe(lySonPerson.fullName);
  });

  it("writes only conferences of their subtree; the root admin writes all", async () => {
    const lySon = (await firstRow(
      handle.db
        .select()
        .from(conferences)
        .where(eq(conferences.unitId, await unitId("536"))),
    ))!;
    const own = (await firstRow(
      handle.db
        .select()
        .from(conferences)
        .where(eq(conferences.unitId, await unitId("535"))),
    ))!;
    expect(await getWritableConference(handle.db, baTo, lySon.id)).toBeUndefined();
    expect((await getWritableConference(handle.db, baTo, own.id))?.id).toBe(own.id);
    expect((await getWritableConference(handle.db, root, lySon.id))?.id).toBe(lySon.id);
    const writable = await handle.db.select({ unitId: conferences.unitId }).from(conferences).where(conferenceWriteScope(baTo));
    expect(writable.length).toBeGreaterThan(0);
    expect(await everyInOrder(writable, async (c) => c.unitId === (await unitId("535")))).toBe(true);
    expect(await getInvitingConference(handle.db, baTo, lySon.id)).toBeNull();
    expect((await getInvitingConference(handle.db, baTo, own.id))?.allBodies).toBe(true);
  });

  it("sees the tokens of their subtree's conferences only", async () => {
    const rows = await handle.db
      .select({ unitId: conferences.unitId })
      .from(invitations)
      .innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
      .where(invitationTokenScope(baTo));
    expect(await everyInOrder(rows, async (r) => r.unitId === (await unitId("535")))).toBe(true);
    const all = await handle.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(invitationTokenScope(root)));
    expect(all.length).toBe((await handle.db.select({ id: invitations.id }).from(invitations)).length);
  });

  it("reads the audit entries of their subtree's accounts only", async () => {
    const filter = auditFilterSchema.parse({});
    const mine = (await searchAudit(handle.db, filter, baTo)).rows;
    expect(mine.length).toBeGreaterThan(0);
    const usernames = new Set(mine.map((r) => r.username));
    expect(usernames.has("admin")).toBe(false);
    const everything = (await searchAudit(handle.db, filter, root)).rows;
    expect(everything.length).toBeGreaterThanOrEqual(mine.length);
  });
});
