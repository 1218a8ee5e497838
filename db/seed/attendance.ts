/**
 * Who came to a held conference of the demo, and what became of the others: check-ins and their
 * scans (a few repeated), excused absences and make-up sessions, substitutes, walk-ins, and the
 * reflection essays of those present (from a stream of their own).
 */
import { sql } from "drizzle-orm";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";
import { firstRow, type Tx } from "../client";
import * as t from "../schema";
import { EXCUSE_NOTES, type EXCUSE_REASONS } from "../seed-data";
import { insertMany, type Random } from "./random";

export interface AttendanceContext {
  d: Tx;
  rnd: Random;
  /** Reflection essays draw from a stream of their own: the rest of the demo stays what it was before essays existed. */
  essayRnd: Random;
  /** The seeding day (yyyy-MM-dd): no essay is handed in after it. */
  today: string;
  newName: (highland: boolean) => string;
  /** Nonces seed-1, seed-2, … across the whole demo. */
  scanSeq: number;
}

export async function recordAttendance(
  ctx: AttendanceContext,
  conference: typeof t.conferences.$inferSelect,
  site: typeof t.sites.$inferSelect,
  invitationIds: number[],
  walkInPool: () => number,
) {
  const { d, rnd, essayRnd, today, newName } = ctx;
  const start = conference.startsAt.getTime();
  const graceMs = conference.graceMinutes * 60_000;
  const presentRate = rnd.float(0.93, 0.96);
  const excusedRate = rnd.float(Math.max(0.03, 1 - presentRate - 0.01), Math.min(0.06, 1 - presentRate));
  const lateRate = rnd.float(0.03, 0.05);
  const order = rnd.shuffle(invitationIds);
  const nPresent = Math.round(order.length * presentRate);
  const nExcused = Math.min(order.length - nPresent, Math.round(order.length * excusedRate));

  const checkIns: (typeof t.checkIns.$inferInsert)[] = [];
  const scans: (typeof t.scanLog.$inferInsert)[] = [];
  const absences: (typeof t.absences.$inferInsert)[] = [];
  const device = () => `may-${rnd.int(1, 3)}`;
  const method = () =>
    rnd.weighted<"camera" | "hardware" | "manual">([
      ["camera", 70],
      ["hardware", 20],
      ["manual", 10],
    ]);
  const recordArrival = (invitationId: number, late: boolean, how: (typeof t.CHECK_IN_METHODS)[number]) => {
    const scannedAt = late ? start + graceMs + rnd.int(1, 60) * 60_000 : start - rnd.int(0, 50) * 60_000 + rnd.int(0, 59) * 1000;
    const receivedAt = scannedAt + rnd.int(150, 1800);
    const deviceId = device();
    const nonce = `seed-${++ctx.scanSeq}`;
    checkIns.push({
      invitationId,
      conferenceId: conference.id,
      siteId: site.id,
      scannedAt: new Date(scannedAt),
      receivedAt: new Date(receivedAt),
      deviceId,
      method: how,
      isLate: late,
      nonce,
    });
    scans.push({
      nonce,
      token: `#${invitationId}`,
      invitationId,
      conferenceId: conference.id,
      siteId: site.id,
      verdict: "ok",
      method: how,
      deviceId,
      scannedAt: new Date(scannedAt),
      receivedAt: new Date(receivedAt),
    });
    if (rnd.chance(0.01)) {
      const again = scannedAt + rnd.int(1, 20) * 60_000;
      scans.push({
        nonce: `seed-${++ctx.scanSeq}`,
        token: `#${invitationId}`,
        invitationId,
        conferenceId: conference.id,
        siteId: site.id,
        verdict: "duplicate",
        method: how,
        deviceId: device(),
        scannedAt: new Date(again),
        receivedAt: new Date(again + 400),
      });
    }
  };

  order.slice(0, nPresent).forEach((id) => recordArrival(id, rnd.chance(lateRate), method()));
  for (const id of order.slice(nPresent, nPresent + nExcused)) {
    const reason = rnd.weighted<(typeof EXCUSE_REASONS)[number]>([
      ["illness", 30],
      ["business_trip", 35],
      ["family", 15],
      ["maternity", 5],
      ["on_duty", 15],
    ]);
    const madeUp = rnd.chance(0.6);
    absences.push({
      invitationId: id,
      reason,
      note: EXCUSE_NOTES[reason],
      recordedAt: new Date(start - 86_400_000),
      makeUpAttendedAt: madeUp ? new Date(start + rnd.int(7, 20) * 86_400_000) : null,
      makeUpNote: madeUp ? "Học bù tại Trung tâm Chính trị" : null,
    });
  }
  // Absent without a reason: some of them came to a make-up session (học bù) later.
  for (const id of order.slice(nPresent + nExcused)) {
    if (!rnd.chance(0.5)) continue;
    absences.push({
      invitationId: id,
      reason: null,
      note: "",
      recordedAt: new Date(start + 86_400_000),
      makeUpAttendedAt: new Date(start + rnd.int(7, 20) * 86_400_000),
      makeUpNote: "Học bù tại Trung tâm Chính trị",
    });
  }
  // Substitutes: a leader who could not come sent a deputy.
  for (const id of order.slice(0, nPresent)) {
    if (rnd.chance(0.015)) {
      await d
        .update(t.invitations)
        .set({ substituteName: newName(false), substitutePosition: "Cấp phó (đi thay)" })
        .where(sql`${t.invitations.id} = ${id}`);
    }
  }
  // Walk-ins: attended without an invitation.
  const walkIns = rnd.int(0, 3);
  const walkInIds: number[] = [];
  for (let i = 0; i < walkIns; i++) {
    const inv = await firstRow(
      d
        .insert(t.invitations)
        .values({
          conferenceId: conference.id,
          personId: walkInPool(),
          bodyId: conference.bodyId,
          siteId: site.id,
          kind: "walk_in",
          status: "issued",
          issuedAt: conference.startsAt,
        })
        .onConflictDoNothing()
        .returning({ id: t.invitations.id }),
    );
    if (inv) {
      recordArrival(inv.id, false, "walk_in");
      walkInIds.push(inv.id);
    }
  }
  // Reflection essays (bài thu hoạch): most of those present hand one in within two weeks.
  const essayRate = essayRnd.float(0.85, 0.95);
  const essays: (typeof t.reflectionEssays.$inferInsert)[] = [];
  for (const id of [...order.slice(0, nPresent), ...walkInIds]) {
    if (!essayRnd.chance(essayRate)) continue;
    const day = zonedDateKey(start + essayRnd.int(1, 14) * 86_400_000);
    const submittedOn = day < today ? day : today;
    essays.push({ invitationId: id, conferenceId: conference.id, submittedOn, recordedAt: zonedInstant(submittedOn, "16:00") });
  }
  await insertMany(d, t.checkIns, checkIns);
  await insertMany(d, t.scanLog, scans);
  await insertMany(d, t.absences, absences);
  await insertMany(d, t.reflectionEssays, essays);
}
