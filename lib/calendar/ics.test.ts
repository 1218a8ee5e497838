import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "./ics";
import { csvCell, toCsv } from "@/lib/http/csv";

describe("iCalendar", () => {
  it("escapes text", () => {
    expect(escapeText("Hội trường; tầng 2, phòng A\\B\nchiều")).toBe("Hội trường\\; tầng 2\\, phòng A\\\\B\\nchiều");
  });

  it("folds long lines at 75 octets without cutting a Vietnamese character", () => {
    const line = `SUMMARY:${"Hội nghị học tập, quán triệt Nghị quyết ".repeat(4)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  it("writes UTC times and CRLF line ends", () => {
    const ics = buildCalendar(
      "Lịch",
      [{ uid: "a@b", start: new Date("2021-03-03T00:30:00Z"), end: new Date("2021-03-03T10:00:00Z"), summary: "Hội nghị" }],
      new Date("2021-02-24T07:00:00Z"),
    );
    expect(ics).toContain("DTSTART:20210303T003000Z\r\n");
    expect(ics).toContain("DTEND:20210303T100000Z\r\n");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});

describe("CSV", () => {
  it("neutralises formulas and quotes what needs it", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+84 905")).toBe("'+84 905");
    expect(csvCell("Nguyễn Văn An")).toBe("Nguyễn Văn An");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(42)).toBe("42");
    expect(toCsv(["x"], [["y"]])).toBe("\uFEFFx\r\ny\r\n");
  });
});
