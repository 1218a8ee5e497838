import { describe, expect, it } from "vitest";
import { formatDateInput, parseDateInput, parseTimeInput } from "./parse";

describe("date and time fields", () => {
  it("reads dd/MM/yyyy and its common variants", () => {
    expect(parseDateInput("03/03/2021")).toBe("2021-03-03");
    expect(parseDateInput(" 3/3/2021 ")).toBe("2021-03-03");
    expect(parseDateInput("31-03-2021")).toBe("2021-03-31");
    expect(parseDateInput("31.03.2021")).toBe("2021-03-31");
    expect(parseDateInput("2021-03-31")).toBe("2021-03-31");
  });

  it("refuses dates that do not exist or are ambiguous", () => {
    expect(parseDateInput("31/02/2021")).toBeNull();
    expect(parseDateInput("29/02/2021")).toBeNull();
    expect(parseDateInput("29/02/2024")).toBe("2024-02-29");
    expect(parseDateInput("03/03/21")).toBeNull();
    expect(parseDateInput("hôm nay")).toBeNull();
    expect(parseDateInput("")).toBeNull();
  });

  it("reads 24-hour times as officials write them", () => {
    expect(parseTimeInput("07:30")).toBe("07:30");
    expect(parseTimeInput("7:30")).toBe("07:30");
    expect(parseTimeInput("7h30")).toBe("07:30");
    expect(parseTimeInput("13.30")).toBe("13:30");
    expect(parseTimeInput("14")).toBe("14:00");
    expect(parseTimeInput("24:00")).toBeNull();
    expect(parseTimeInput("7:60")).toBeNull();
    expect(parseTimeInput("7:30 PM")).toBeNull();
  });

  it("fills a form field back as dd/MM/yyyy", () => {
    expect(formatDateInput("2021-03-31")).toBe("31/03/2021");
  });
});
