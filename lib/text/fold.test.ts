import { describe, expect, it } from "vitest";
import { foldForSearch } from "./fold";

describe("foldForSearch", () => {
  it("removes Vietnamese diacritics and case", () => {
    expect(foldForSearch("Nguyễn Văn Ấn")).toBe("nguyen van an");
    expect(foldForSearch("ĐINH THỊ THỦY")).toBe("dinh thi thuy");
    expect(foldForSearch("Huỳnh Ngọc Phượng")).toBe("huynh ngoc phuong");
  });

  it("treats precomposed and combining forms alike", () => {
    expect(foldForSearch("Tr\u1EA7n")).toBe(foldForSearch("Tra\u0302\u0300n"));
    expect(foldForSearch("Tra\u0302\u0300n")).toBe("tran");
    expect(foldForSearch("NGUYE\u0302\u0303N VA\u0306N \u0110A\u0302\u0301T".normalize("NFD"))).toBe("nguyen van dat");
  });

  it("drops combining marks outside the common block (extended, symbol and half marks)", () => {
    expect(foldForSearch("Hoa\u1DC4ng")).toBe("hoang");
    expect(foldForSearch("Lan\u20D7")).toBe("lan");
    expect(foldForSearch("Mai\uFE20")).toBe("mai");
  });

  it("folds white space", () => {
    expect(foldForSearch("  Lê   Thị\tHoa ")).toBe("le thi hoa");
  });
});
