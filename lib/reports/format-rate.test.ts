import { describe, expect, it } from "vitest";
import { formatRate, formatRatio } from "./format-rate";

describe("rates", () => {
  it("always have one decimal and the Vietnamese comma", () => {
    expect(formatRate(0.949)).toBe("94,9%");
    expect(formatRate(0.94)).toBe("94,0%");
    expect(formatRate(0.75)).toBe("75,0%");
    expect(formatRate(1)).toBe("100,0%");
    expect(formatRate(0)).toBe("0,0%");
    expect(formatRate(0.93849)).toBe("93,8%");
    expect(formatRatio(467, 614)).toBe("76,1%");
  });

  it("show a dash when there is nobody to divide by", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRatio(0, 0)).toBe("—");
  });
});
