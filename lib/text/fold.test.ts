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
  });

  it("folds white space", () => {
    expect(foldForSearch("  Lê   Thị\tHoa ")).toBe("le thi hoa");
  });
});
