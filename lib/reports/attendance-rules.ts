/**
 * What the attendance reports count, defined once (docs/decisions/0010-attendance-reports.md).
 * Every report, export and printed report goes through these functions; the
 * legend on each page explains the same words (lib/i18n messages "reports.legend").
 *
 * - invited: issued invitations (kind "invited"). Drafts are not invitations yet;
 *   a revoked invitation is not counted at all (not invited, not absent).
 * - present: invited and checked in; a substitute (người đi thay) checks in on
 *   the invitation, so counts as present for it, and is also counted as a substitute.
 * - on time / late: late when checked in after the start plus the grace minutes
 *   (isLateAt, lib/checkin/shared/verdict.ts: exactly at that minute is on time).
 * - walk-ins: present without an invitation; never part of "invited".
 * - excused: not present, with a recorded reason (vắng có lý do).
 * - unexcused: not present, no reason, and the conference is over (vắng không lý do):
 *   marked held, or in progress and ended (isOver).
 * - unknown: not present, no reason, and the conference is not over (chưa biết).
 * - made up: absent (excused or not) and attended a make-up session (học bù).
 * - needs make-up: absent, no make-up yet.
 * - attendance rate: present / (present + excused + unexcused); none while nothing is known.
 * - essays (bài thu hoạch): those present (invitees, substitutes included) who handed in their
 *   reflection essay; the essay rate is essays / present, so it never exceeds 100% and its base
 *   is a column of the same table. Walk-ins may hand one in too: counted apart (walk-in essays),
 *   like walk-ins themselves, never in the rate.
 * Cancelled conferences are left out of every figure.
 */

export interface RawCounts {
  invited: number;
  present: number;
  late: number;
  substitutes: number;
  /** Not present, with a reason. */
  excused: number;
  /** Not present, and a make-up session attended. */
  madeUp: number;
}

export interface Tally extends RawCounts {
  onTime: number;
  walkIns: number;
  unexcused: number;
  unknown: number;
  needsMakeUp: number;
}

export const EMPTY_TALLY: Tally = {
  invited: 0,
  present: 0,
  late: 0,
  substitutes: 0,
  excused: 0,
  madeUp: 0,
  onTime: 0,
  walkIns: 0,
  unexcused: 0,
  unknown: 0,
  needsMakeUp: 0,
};

/**
 * A conference is over when it is marked held, or was in progress and has ended.
 * A conference still "scheduled" after its date is not taken as held: its
 * invitees stay "not yet known" until the organiser marks it held (the board
 * shows it as not held either).
 */
export function isOver(conference: { status: string; endsAt: Date }, now: Date): boolean {
  return conference.status === "held" || (conference.status === "in_progress" && conference.endsAt.getTime() < now.getTime());
}

export function tally(raw: RawCounts, over: boolean, walkIns = 0): Tally {
  const notPresent = raw.invited - raw.present;
  const withoutReason = notPresent - raw.excused;
  const unexcused = over ? withoutReason : 0;
  // Written out field by field (not `...raw`): a campaign roll-up makes ~28,000 of these, and a spread of
  // objects of several shapes cost it ~65 ms (docs/benchmarks.md, "The roll-up's own JavaScript").
  return {
    invited: raw.invited,
    present: raw.present,
    late: raw.late,
    substitutes: raw.substitutes,
    excused: raw.excused,
    madeUp: raw.madeUp,
    onTime: raw.present - raw.late,
    walkIns,
    unexcused,
    unknown: over ? 0 : withoutReason,
    needsMakeUp: raw.excused + unexcused - raw.madeUp,
  };
}

export function addTallies(a: Tally, b: Tally): Tally {
  return {
    invited: a.invited + b.invited,
    present: a.present + b.present,
    late: a.late + b.late,
    substitutes: a.substitutes + b.substitutes,
    excused: a.excused + b.excused,
    madeUp: a.madeUp + b.madeUp,
    onTime: a.onTime + b.onTime,
    walkIns: a.walkIns + b.walkIns,
    unexcused: a.unexcused + b.unexcused,
    unknown: a.unknown + b.unknown,
    needsMakeUp: a.needsMakeUp + b.needsMakeUp,
  };
}

export const sumTallies = (tallies: Iterable<Tally>) => {
  let total = EMPTY_TALLY;
  for (const t of tallies) total = addTallies(total, t);
  return total;
};

/** Present over everyone whose attendance is known; null while nothing is known. */
export function attendanceRate(t: Pick<Tally, "present" | "excused" | "unexcused">): number | null {
  const known = t.present + t.excused + t.unexcused;
  return known === 0 ? null : t.present / known;
}

/**
 * Reflection essays (bài thu hoạch) of a set of invitations. Counted per conference only (not
 * split by Party membership or category): lib/reports/conference-figures.ts reads them from the
 * essays' own index, docs/decisions/0010-attendance-reports.md.
 */
export interface EssayCounts {
  /** Present invitees (substitutes included) who handed in their essay: never more than `present`. */
  submitted: number;
  /** Walk-ins who handed one in: apart, like walk-ins. */
  walkIns: number;
}

export const NO_ESSAYS: EssayCounts = { submitted: 0, walkIns: 0 };

export function sumEssays(counts: Iterable<EssayCounts>): EssayCounts {
  const out = { ...NO_ESSAYS };
  for (const c of counts) {
    out.submitted += c.submitted;
    out.walkIns += c.walkIns;
  }
  return out;
}

/** Essays over those present; null while nobody is present. */
export function essayRate(essays: Pick<EssayCounts, "submitted">, t: Pick<Tally, "present">): number | null {
  return t.present === 0 ? null : essays.submitted / t.present;
}

export type InviteeStatus = "on_time" | "late" | "excused" | "unexcused" | "unknown";
export const INVITEE_STATUSES: InviteeStatus[] = ["on_time", "late", "excused", "unexcused", "unknown"];

/** One invitee's line in a report, by the same rules as the counts. */
export function inviteeStatus(invitee: { checkedIn: boolean; isLate: boolean; absenceReason: string | null }, over: boolean): InviteeStatus {
  if (invitee.checkedIn) return invitee.isLate ? "late" : "on_time";
  if (invitee.absenceReason) return "excused";
  return over ? "unexcused" : "unknown";
}

/**
 * How late, for the "late by" column: minutes after the opening, as officials count them (a
 * guest at 07:50 for a 07:30 opening is 20 minutes late); the grace only decides whether it
 * counts as late at all. 0 when on time; at least 1 when late.
 */
export function minutesLate(scannedAt: Date, conference: { startsAt: Date; graceMinutes: number }): number {
  const afterOpening = scannedAt.getTime() - conference.startsAt.getTime();
  if (afterOpening <= conference.graceMinutes * 60_000) return 0;
  return Math.max(1, Math.floor(afterOpening / 60_000));
}
