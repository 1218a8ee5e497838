import { describe, expect, it } from "vitest";
import { isLateAt } from "@/lib/checkin/shared/verdict";
import { attendanceRate, inviteeStatus, isOver, minutesLate, sumTallies, tally } from "./attendance-rules";

const start = new Date("2021-02-04T00:30:00Z"); // 07:30 in Vietnam
const conference = { startsAt: start, graceMinutes: 15 };

describe("attendance rules", () => {
  it("late boundary: exactly start + grace is on time, one second later is late", () => {
    const boundary = start.getTime() + 15 * 60_000;
    expect(isLateAt({ startsAt: start.getTime(), graceMinutes: 15 }, boundary)).toBe(false);
    expect(isLateAt({ startsAt: start.getTime(), graceMinutes: 15 }, boundary + 1000)).toBe(true);
    expect(minutesLate(new Date(boundary), conference)).toBe(0);
    // Counted from the opening, not from the end of the grace.
    expect(minutesLate(new Date(boundary + 1000), conference)).toBe(15);
    expect(minutesLate(new Date(start.getTime() + 20 * 60_000), conference)).toBe(20);
    // No grace: half a minute late is late, by one minute.
    expect(minutesLate(new Date(start.getTime() + 30_000), { startsAt: start, graceMinutes: 0 })).toBe(1);
    expect(minutesLate(new Date(start.getTime() - 60_000), { startsAt: start, graceMinutes: 0 })).toBe(0);
  });

  it("a substitute counts as present for the invitation, and as a substitute", () => {
    // 10 invited; 8 checked in, one of them through a substitute; 1 excused; conference over.
    const t = tally({ invited: 10, present: 8, late: 1, substitutes: 1, excused: 1, madeUp: 0 }, true);
    expect(t).toMatchObject({ present: 8, onTime: 7, late: 1, substitutes: 1, excused: 1, unexcused: 1, unknown: 0, needsMakeUp: 2 });
    expect(attendanceRate(t)).toBeCloseTo(0.8);
  });

  it("a walk-in does not raise the invited count, nor the rate's base", () => {
    const t = tally({ invited: 10, present: 10, late: 0, substitutes: 0, excused: 0, madeUp: 0 }, true, 3);
    expect(t.invited).toBe(10);
    expect(t.walkIns).toBe(3);
    expect(attendanceRate(t)).toBe(1);
  });

  it("a revoked invitation is not counted as absent: it is not among the invited the counts start from", () => {
    // The query counts issued invitations only; a conference with 5 issued and 1 revoked, 5 present:
    const t = tally({ invited: 5, present: 5, late: 0, substitutes: 0, excused: 0, madeUp: 0 }, true);
    expect(t.unexcused).toBe(0);
    expect(attendanceRate(t)).toBe(1);
  });

  it("before the end, those not yet seen are unknown, not absent; excused is known at once", () => {
    const during = tally({ invited: 10, present: 4, late: 0, substitutes: 0, excused: 1, madeUp: 0 }, false);
    expect(during).toMatchObject({ unknown: 5, unexcused: 0, excused: 1 });
    expect(attendanceRate(during)).toBeCloseTo(0.8);
    expect(attendanceRate(tally({ invited: 10, present: 0, late: 0, substitutes: 0, excused: 0, madeUp: 0 }, false))).toBeNull();
  });

  it("make-up sessions reduce who still needs one, excused or not", () => {
    const t = tally({ invited: 20, present: 15, late: 2, substitutes: 0, excused: 3, madeUp: 2 }, true);
    expect(t).toMatchObject({ excused: 3, unexcused: 2, madeUp: 2, needsMakeUp: 3 });
  });

  it("a conference is over when marked held, or in progress and ended; a past 'scheduled' one is not", () => {
    const now = new Date("2021-02-05T00:00:00Z");
    expect(isOver({ status: "held", endsAt: new Date("2021-03-01") }, now)).toBe(true);
    expect(isOver({ status: "in_progress", endsAt: new Date("2021-02-04T10:00:00Z") }, now)).toBe(true);
    expect(isOver({ status: "scheduled", endsAt: new Date("2021-02-04T10:00:00Z") }, now)).toBe(false);
    expect(isOver({ status: "in_progress", endsAt: new Date("2021-02-05T10:00:00Z") }, now)).toBe(false);
    expect(isOver({ status: "cancelled", endsAt: new Date("2021-02-04T10:00:00Z") }, now)).toBe(false);
  });

  it("each invitee's status follows the same rules", () => {
    expect(inviteeStatus({ checkedIn: true, isLate: false, absenceReason: null }, true)).toBe("on_time");
    expect(inviteeStatus({ checkedIn: true, isLate: true, absenceReason: "illness" }, true)).toBe("late");
    expect(inviteeStatus({ checkedIn: false, isLate: false, absenceReason: "illness" }, false)).toBe("excused");
    expect(inviteeStatus({ checkedIn: false, isLate: false, absenceReason: null }, true)).toBe("unexcused");
    expect(inviteeStatus({ checkedIn: false, isLate: false, absenceReason: null }, false)).toBe("unknown");
  });

  it("sums tallies field by field", () => {
    const a = tally({ invited: 10, present: 9, late: 1, substitutes: 0, excused: 1, madeUp: 0 }, true, 1);
    const b = tally({ invited: 5, present: 2, late: 0, substitutes: 1, excused: 0, madeUp: 0 }, false);
    expect(sumTallies([a, b])).toMatchObject({ invited: 15, present: 11, late: 1, substitutes: 1, excused: 1, unexcused: 0, unknown: 3, walkIns: 1 });
  });
});
