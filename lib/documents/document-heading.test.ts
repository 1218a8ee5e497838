import { describe, expect, it } from "vitest";
import { committeeOf, documentHeading, headingLines } from "./document-heading";

const body = (name: string, parentLine = "", kind = "propaganda", headingName = "", placeName = "Ba Tơ") => ({
  name,
  parentLine,
  kind,
  headingName,
  placeName,
});

describe("documentHeading", () => {
  it("puts the superior body first and the issuing body, without the repeated part, under it", () => {
    expect(documentHeading(body("Ban Tuyên giáo Huyện ủy Ba Tơ", "HUYỆN ỦY BA TƠ"))).toEqual({ superior: "HUYỆN ỦY BA TƠ", issuer: "BAN TUYÊN GIÁO" });
    expect(documentHeading(body("Ban Tuyên giáo Tỉnh ủy", "TỈNH ỦY QUẢNG NGÃI", "propaganda", "", "Quảng Ngãi"))).toEqual({
      superior: "TỈNH ỦY QUẢNG NGÃI",
      issuer: "BAN TUYÊN GIÁO",
    });
    expect(documentHeading(body("Phòng Giáo dục và Đào tạo huyện Ba Tơ", "ỦY BAN NHÂN DÂN HUYỆN BA TƠ", "education_office")).issuer).toBe(
      "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    );
    // Nothing in common with the superior: the whole name.
    expect(documentHeading(body("Liên đoàn Lao động huyện Ba Tơ", "LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG NGÃI", "labour_federation")).issuer).toBe(
      "LIÊN ĐOÀN LAO ĐỘNG HUYỆN BA TƠ",
    );
  });

  it("issues the Standing Committee's documents in the committee's name, completed with its place", () => {
    expect(documentHeading(body("Ban Thường vụ Tỉnh ủy", "", "standing_committee", "", "Quảng Ngãi"))).toEqual({
      superior: null,
      issuer: "TỈNH ỦY QUẢNG NGÃI",
    });
    expect(documentHeading(body("Ban Thường vụ Huyện ủy Ba Tơ", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "standing_committee"))).toEqual({
      superior: "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
      issuer: "HUYỆN ỦY BA TƠ",
    });
    expect(committeeOf("Ban Thường vụ Đảng ủy xã Ba Tơ", "Ba Tơ")).toBe("ĐẢNG ỦY XÃ BA TƠ");
  });

  it("prints a body's own heading name as written, in capitals", () => {
    expect(documentHeading(body("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Tỉnh ủy Quảng Ngãi", "x", "Ban Tuyên giáo và Dân vận"))).toEqual({
      superior: "TỈNH ỦY QUẢNG NGÃI",
      issuer: "BAN TUYÊN GIÁO VÀ DÂN VẬN",
    });
    expect(documentHeading(body("Ban Tuyên giáo Huyện ủy Ba Tơ")).superior).toBeNull();
  });
});

describe("headingLines", () => {
  it("keeps a short line whole and breaks a long one before the place or before VÀ", () => {
    expect(headingLines("BAN TUYÊN GIÁO")).toEqual(["BAN TUYÊN GIÁO"]);
    expect(headingLines("LIÊN ĐOÀN LAO ĐỘNG HUYỆN BA TƠ")).toEqual(["LIÊN ĐOÀN LAO ĐỘNG", "HUYỆN BA TƠ"]);
    expect(headingLines("ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI")).toEqual(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ QUẢNG NGÃI"]);
    expect(headingLines("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")).toEqual(["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO"]);
    expect(headingLines("ĐẢNG ỦY XÃ BA TƠ")).toEqual(["ĐẢNG ỦY XÃ BA TƠ"]);
  });
});
