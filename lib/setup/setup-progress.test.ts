import { returnedRow, firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bootstrapEmpty } from "@/db/seed";
import * as t from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { createDemoDb, createTestDb } from "@/lib/testing/test-db";
import { getSetupProgress, hasCampaign, isSetUp } from "./setup-progress";

const doneSteps = (steps: Awaited<ReturnType<typeof getSetupProgress>>) => steps.filter((s) => s.done).map((s) => s.key);

describe("the first-run checklist", () => {
  it("follows the data on an empty installation, step by step", async () => {
    const handle = await createTestDb();
    try {
      const { db } = handle;
      await bootstrapEmpty(db, { adminUsername: "quantri", adminPassword: "mat-khau-manh", rootUnitName: "Tỉnh Thử", rootUnitCode: "99" });
      const adminRow = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "quantri"))))!;
      const admin = (await loadSessionUser(db, adminRow.id, adminRow.sessionVersion))!;
      expect(doneSteps(await getSetupProgress(db, admin))).toEqual(["root"]);
      expect(await hasCampaign(db)).toBe(false);

      const root = (await firstRow(db.select().from(t.units)))!;
      const commune = await returnedRow(
        writerForSetup(db).insert(t.units).values({ code: "99001", name: "Xã Thử", kind: "xa", placeName: "Thử", parentId: root.id }).returning(),
      );
      await writerForSetup(db).insert(t.bodies).values({ unitId: commune.id, kind: "standing_committee", name: "Ban Thường vụ Đảng ủy xã Thử", symbol: "ĐU" });
      expect(doneSteps(await getSetupProgress(db, admin))).toEqual(["root", "units", "bodies"]);

      // A campaign without requirements is not yet a campaign anyone can hold.
      const campaign = await returnedRow(
        writerForSetup(db)
          .insert(t.campaigns)
          .values({ title: "Đợt thử", resolution: "Nghị quyết thử", startDate: "2026-01-01", deadline: "2026-06-30" })
          .returning(),
      );
      expect((await getSetupProgress(db, admin)).find((s) => s.key === "campaign")!.done).toBe(false);
      await writerForSetup(db)
        .insert(t.campaignRequirements)
        .values({ campaignId: campaign.id, unitKind: "xa", bodyKind: "standing_committee", title: "Hội nghị của Ban Thường vụ" });
      expect(await hasCampaign(db)).toBe(true);

      await writerForSetup(db)
        .insert(t.users)
        .values({ username: "tochuc.thu", fullName: "Cán bộ thử", role: "viewer", unitId: commune.id, passwordHash: "x" });
      await writerForSetup(db).insert(t.people).values({ fullName: "Nguyễn Văn Thử", searchName: "nguyen van thu", unitId: commune.id });
      const steps = await getSetupProgress(db, admin);
      expect(isSetUp(steps)).toBe(true);
      expect(steps.find((s) => s.key === "units")!.count).toBe(1);

      // A retired unit no longer counts.
      await writerForSetup(db).update(t.units).set({ retiredAt: new Date() }).where(eq(t.units.id, commune.id));
      expect((await getSetupProgress(db, admin)).find((s) => s.key === "units")!.done).toBe(false);
    } finally {
      await handle.cleanup();
    }
  });

  it("is complete for the demo province", async () => {
    const handle = await createDemoDb();
    try {
      const adminRow = (await firstRow(handle.db.select().from(t.users).where(eq(t.users.username, "admin"))))!;
      expect(isSetUp(await getSetupProgress(handle.db, (await loadSessionUser(handle.db, adminRow.id, adminRow.sessionVersion))!))).toBe(true);
    } finally {
      await handle.cleanup();
    }
  });
});
