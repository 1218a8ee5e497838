import { describe, expect, it } from "vitest";
import { formatDate, formatDateKey, formatDateTime, formatRange, formatTime } from "./format";
import { daysUntil, zonedDateKey, zonedInstant } from "./zone";

describe("Vietnam time, whatever the server's zone", () => {
  it("runs these tests in a zone far from Vietnam", () => {
    expect(new Date("2021-03-03T00:30:00Z").getTimezoneOffset()).not.toBe(-420);
  });

  it("turns Vietnamese wall-clock times into instants", () => {
    expect(zonedInstant("2021-03-03", "07:30").toISOString()).toBe("2021-03-03T00:30:00.000Z");
    expect(zonedInstant("2021-03-31", "23:30").toISOString()).toBe("2021-03-31T16:30:00.000Z");
    expect(zonedInstant("2021-01-01").toISOString()).toBe("2020-12-31T17:00:00.000Z");
  });

  it("formats as dd/MM/yyyy and 24-hour HH:mm in Asia/Ho_Chi_Minh", () => {
    const instant = new Date("2021-03-03T10:05:00Z"); // 17:05 in Vietnam
    expect(formatDate(instant)).toBe("03/03/2021");
    expect(formatTime(instant)).toBe("17:05");
    expect(formatDateTime(instant)).toBe("17:05 03/03/2021");
    expect(formatDateKey("2021-03-31")).toBe("31/03/2021");
  });

  it("puts a late-evening UTC instant on the next Vietnamese day", () => {
    const instant = new Date("2021-03-30T18:00:00Z"); // 01:00 on 31/03 in Vietnam
    expect(zonedDateKey(instant)).toBe("2021-03-31");
    expect(formatDate(instant)).toBe("31/03/2021");
  });

  it("formats ranges within a day and across midnight", () => {
    expect(formatRange(zonedInstant("2021-03-03", "07:30"), zonedInstant("2021-03-03", "17:00"))).toBe("07:30–17:00 03/03/2021");
    expect(formatRange(zonedInstant("2021-03-03", "23:30"), zonedInstant("2021-03-04", "01:00"))).toBe("23:30 03/03/2021 – 01:00 04/03/2021");
  });

  it("counts days to a deadline from the Vietnamese day", () => {
    expect(daysUntil("2021-03-31", zonedInstant("2021-03-30", "23:59"))).toBe(1);
    expect(daysUntil("2021-03-31", zonedInstant("2021-03-31", "00:01"))).toBe(0);
    expect(daysUntil("2021-03-31", zonedInstant("2021-04-02", "08:00"))).toBe(-2);
  });
});
