import { firstRow, writerForSetup } from "@/db/client";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaignRequirements, campaigns, users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { getConferenceFormOptions } from "@/lib/conferences/get-form-options";
import { createDemoDb } from "@/lib/testing/test-db";
import { chooseCurrentCampaign } from "./choose-campaign";
import { getCurrentCampaign } from "./current-campaign";
import { listActiveCampaigns, listCampaignsForAdmin } from "./list-campaigns";
import { archiveCampaign, copyCampaign, createCampaign, unarchiveCampaign, updateCampaign } from "./manage-campaigns";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
let admin: SessionUser;
let demoId: number;
beforeAll(async () => {
  handle = await createDemoDb();
  const row = (await firstRow(handle.db.select().from(users).where(eq(users.username, "admin"))))!;
  admin = (await loadSessionUser(handle.db, row.id, row.sessionVersion))!;
  demoId = (await getCurrentCampaign(handle.db, null))!.id;
});
afterAll(() => handle.cleanup());

const requirementsOf = async (campaignId: number) =>
  await handle.db
    .select()
    .from(campaignRequirements)
    .where(eq(campaignRequirements.campaignId, campaignId))
    .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
const fields = {
  title: "Học tập Nghị quyết Đại hội XIV",
  resolution: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV",
  term: "2025-2030",
  startDate: "2026-02-01",
  deadline: "2026-06-30",
};

describe("campaigns", () => {
  it("creates a blank campaign with its own signing keys, audited", async () => {
    const result = await createCampaign(handle.db, admin, { ...fields, title: "Đợt trống để thử" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = (await firstRow(handle.db.select().from(campaigns).where(eq(campaigns.id, result.id))))!;
    expect(row.signingPublicKey).toBeTruthy();
    expect(row.signingPrivateKey).toBeTruthy();
    expect(await requirementsOf(result.id)).toEqual([]);
    expect(
      (
        await handle.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.entityId, String(result.id)))
      ).map((a) => a.action),
    ).toEqual(["create"]);
    expect(await createCampaign(handle.db, admin, { ...fields, startDate: "2026-07-01" })).toEqual({
      ok: false,
      field: "deadline",
      code: "deadlineBeforeStart",
    });
  });

  it("copies an earlier campaign's requirements, with new keys and due dates moved with the start", async () => {
    const demo = (await firstRow(handle.db.select().from(campaigns).where(eq(campaigns.id, demoId))))!;
    const result = await copyCampaign(handle.db, admin, demoId, fields);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const copy = (await firstRow(handle.db.select().from(campaigns).where(eq(campaigns.id, result.id))))!;
    expect(copy).toMatchObject(fields);
    expect(copy.signingPublicKey).not.toBe(demo.signingPublicKey);
    const source = await requirementsOf(demoId);
    const copied = await requirementsOf(result.id);
    expect(
      copied.map(({ unitKind, bodyKind, coBodyKinds, title, duration, sortOrder }) => ({ unitKind, bodyKind, coBodyKinds, title, duration, sortOrder })),
    ).toEqual(
      source.map(({ unitKind, bodyKind, coBodyKinds, title, duration, sortOrder }) => ({ unitKind, bodyKind, coBodyKinds, title, duration, sortOrder })),
    );
    for (const r of copied) if (r.dueDate) expect(r.dueDate >= fields.startDate && r.dueDate <= fields.deadline).toBe(true);
    // The source is untouched.
    expect(await requirementsOf(demoId)).toEqual(source);
    expect((await listCampaignsForAdmin(handle.db)).find((c) => c.id === result.id)!.requirements).toBe(source.length);
  });

  it("copies with defaults when nothing is overridden", async () => {
    const result = await copyCampaign(handle.db, admin, demoId);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const copy = (await firstRow(handle.db.select().from(campaigns).where(eq(campaigns.id, result.id))))!;
    expect(copy.title).toMatch(/\(bản sao\)$/);
    expect((await requirementsOf(result.id)).map((r) => r.dueDate)).toEqual((await requirementsOf(demoId)).map((r) => r.dueDate));
    expect(await copyCampaign(handle.db, admin, 999_999)).toMatchObject({ ok: false, code: "campaignNotFound" });
  });

  it("updates a campaign, audited with before and after", async () => {
    const created = await createCampaign(handle.db, admin, { ...fields, title: "Đợt sẽ được sửa" });
    if (!created.ok) throw new Error("not created");
    expect((await updateCampaign(handle.db, admin, created.id, { ...fields, title: "Đợt đã được sửa", term: "2026-2031" })).ok).toBe(true);
    expect(await firstRow(handle.db.select().from(campaigns).where(eq(campaigns.id, created.id)))).toMatchObject({
      title: "Đợt đã được sửa",
      term: "2026-2031",
    });
    const audit = (await handle.db.select().from(auditLog).where(eq(auditLog.action, "update"))).at(-1)!;
    expect(audit).toMatchObject({
      entity: "campaign",
      before: expect.objectContaining({ title: "Đợt sẽ được sửa" }),
      after: expect.objectContaining({ title: "Đợt đã được sửa" }),
    });
  });
});

describe("current campaign", () => {
  it("is the user's choice; an archived choice falls back; archived campaigns leave the lists", async () => {
    const second = await createCampaign(handle.db, admin, { ...fields, title: "Đợt chạy song song", startDate: "2099-01-01", deadline: "2099-03-31" });
    if (!second.ok) throw new Error("not created");
    // Not chosen: the running campaign that has started wins over one that starts later.
    const guessed = (await getCurrentCampaign(handle.db, admin, new Date("2026-03-01T00:00:00Z")))!;
    expect(guessed.id).not.toBe(second.id);

    expect(await chooseCurrentCampaign(writerForSetup(handle.db), admin, second.id)).toMatchObject({ ok: true });
    expect((await getCurrentCampaign(handle.db, admin))!.id).toBe(second.id);
    // Another user's current campaign does not follow.
    const other = (await firstRow(handle.db.select().from(users).where(eq(users.username, "diemdanh"))))!;
    expect((await getCurrentCampaign(handle.db, other))!.id).not.toBe(second.id);
    // The conference form offers it first.
    expect((await getConferenceFormOptions(handle.db, admin)).campaigns[0].id).toBe(second.id);
    expect((await listActiveCampaigns(handle.db, second.id))[0].id).toBe(second.id);

    expect((await archiveCampaign(handle.db, admin, second.id)).ok).toBe(true);
    expect((await getCurrentCampaign(handle.db, admin))!.id).not.toBe(second.id);
    expect((await listActiveCampaigns(handle.db)).map((c) => c.id)).not.toContain(second.id);
    expect((await getConferenceFormOptions(handle.db, admin)).campaigns.map((c) => c.id)).not.toContain(second.id);
    // A conference of an archived campaign keeps it in its own form.
    expect((await getConferenceFormOptions(handle.db, admin, { keepCampaignId: second.id })).campaigns.map((c) => c.id)).toContain(second.id);
    expect(await chooseCurrentCampaign(writerForSetup(handle.db), admin, second.id)).toEqual({ ok: false, code: "campaignNotFound" });

    expect((await unarchiveCampaign(handle.db, admin, second.id)).ok).toBe(true);
    expect((await getCurrentCampaign(handle.db, admin))!.id).toBe(second.id);
    expect((await chooseCurrentCampaign(writerForSetup(handle.db), admin, demoId)).ok).toBe(true);
    expect((await getCurrentCampaign(handle.db, admin))!.id).toBe(demoId);
  });

  it("is null when every campaign is archived", async () => {
    const all = await handle.db.select({ id: campaigns.id, archivedAt: campaigns.archivedAt }).from(campaigns);
    for (const c of all) await archiveCampaign(handle.db, admin, c.id);
    expect(await getCurrentCampaign(handle.db, admin)).toBeNull();
    for (const c of all) if (!c.archivedAt) await unarchiveCampaign(handle.db, admin, c.id);
    expect((await getCurrentCampaign(handle.db, admin))!.id).toBe(demoId);
  });

  it("only an admin of the root unit may create, edit or archive", async () => {
    const district = { ...admin, scopeUnitIds: [admin.unitId + 1] };
    expect(await createCampaign(handle.db, district, fields)).toEqual({ ok: false, code: "forbidden" });
    expect(await updateCampaign(handle.db, district, demoId, fields)).toEqual({ ok: false, code: "forbidden" });
    expect(await archiveCampaign(handle.db, district, demoId)).toEqual({ ok: false, code: "forbidden" });
    expect(await archiveCampaign(handle.db, { ...admin, role: "organizer" }, demoId)).toEqual({ ok: false, code: "forbidden" });
  });
});
