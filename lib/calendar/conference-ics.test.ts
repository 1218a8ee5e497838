import { firstRow, writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session-user";
import { moveConference } from "@/lib/conferences/save-conference";
import { installationId } from "@/lib/settings/installation-id";
import { createDemoDb } from "@/lib/testing/test-db";
import { conferenceIcs } from "./conference-ics";

let handle: Awaited<ReturnType<typeof createDemoDb>>;
beforeAll(async () => {
  handle = await createDemoDb();
});
afterAll(() => handle.cleanup());

const line = (ics: string, name: string) => ics.split("\r\n").find((l) => l.startsWith(`${name}:`));

describe("a conference's calendar event", () => {
  it("carries a UID unique to this installation, and a SEQUENCE that grows with every move", async () => {
    const { db } = handle;
    const conference = (await firstRow(db.select().from(t.conferences).where(eq(t.conferences.status, "scheduled"))))!;
    const first = (await conferenceIcs(db, conference.id, "https://quantriet.example", undefined))!;
    const id = await installationId(writerForSetup(db));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(line(first, "UID")).toBe(`UID:conference-${conference.id}-${id}@quan-triet`);
    expect(line(first, "SEQUENCE")).toBe("SEQUENCE:0");

    const adminRow = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "admin"))))!;
    const admin = (await loadSessionUser(db, adminRow.id, adminRow.sessionVersion))!;
    expect(
      await moveConference(db, admin, { conferenceId: conference.id, startDeltaMs: 3_600_000, endDeltaMs: 3_600_000, confirmWarnings: true }),
    ).toMatchObject({
      ok: true,
    });
    const moved = (await conferenceIcs(db, conference.id, "https://quantriet.example", undefined))!;
    expect(line(moved, "SEQUENCE")).toBe("SEQUENCE:1");
    // Same event, same installation: the UID does not change.
    expect(line(moved, "UID")).toBe(line(first, "UID"));
    expect(line(moved, "DTSTART")).not.toBe(line(first, "DTSTART"));
  });

  it("links a guest's own event to the public invitation page when asked", async () => {
    const { db } = handle;
    const conference = (await firstRow(db.select().from(t.conferences)))!;
    const staff = (await conferenceIcs(db, conference.id, "https://quantriet.example", undefined))!;
    expect(line(staff, "URL")).toBe(`URL:https://quantriet.example/conferences/${conference.id}`);
    const guest = (await conferenceIcs(
      db,
      conference.id,
      "https://quantriet.example",
      { venue: "Hội trường Huyện ủy Ba Tơ", address: null },
      { url: "https://quantriet.example/i/ABCDEF" },
    ))!;
    expect(line(guest, "URL")).toBe("URL:https://quantriet.example/i/ABCDEF");
    expect(line(guest, "LOCATION")).toBe("LOCATION:Hội trường Huyện ủy Ba Tơ");
  });
});
