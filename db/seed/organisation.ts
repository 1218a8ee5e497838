import { mapInOrder } from "@/lib/async/in-order";
/** The demo's units (the province, its districts, the Party organisations under it) and their organising bodies. */
import { returnedRow, type Tx } from "../client";
import * as t from "../schema";
import { DISTRICT_UNITS, FAMILY_NAMES, MALE_GIVEN, MALE_MIDDLE, PARTY_ORGANISATIONS, PROVINCE } from "../seed-data";

export type BodyKey = "standing" | "propaganda" | "labour" | "education";
export const BODY_KIND_OF: Record<BodyKey, t.DemoBodyKind> = {
  standing: "standing_committee",
  propaganda: "propaganda",
  labour: "labour_federation",
  education: "education_office",
};

export async function seedOrganisation(d: Tx) {
  const province = await returnedRow(
    d
      .insert(t.units)
      .values({ ...PROVINCE, sortOrder: 0 })
      .returning(),
  );
  const districtUnits = await mapInOrder(DISTRICT_UNITS, async (u, i) => ({
    demo: u,
    row: await returnedRow(
      d
        .insert(t.units)
        .values({ code: u.code, name: u.name, kind: u.kind, placeName: u.placeName, parentId: province.id, sortOrder: i + 1 })
        .returning(),
    ),
  }));
  const partyOrgs = await mapInOrder(PARTY_ORGANISATIONS, async (o, i) => ({
    demo: o,
    row: await returnedRow(
      d
        .insert(t.units)
        .values({ code: o.code, name: o.name, kind: "dang_bo_truc_thuoc", placeName: "Quảng Ngãi", parentId: province.id, sortOrder: 100 + i })
        .returning(),
    ),
  }));

  // --- Organising bodies
  // The letters' heading and default signature block (decision 0023); signers are illustrative names.
  let signerIndex = 0;
  const signer = () => {
    const i = signerIndex++;
    return `${FAMILY_NAMES[i % FAMILY_NAMES.length][0]} ${MALE_MIDDLE[i % MALE_MIDDLE.length]} ${MALE_GIVEN[(i * 7) % MALE_GIVEN.length]}`;
  };
  type Document = { parentLine: string; headingName: string; signForm: (typeof t.SIGN_FORMS)[number]; signFor: string; signerTitle: string };
  const addBody = async (unitId: number, kind: t.DemoBodyKind, name: string, symbol: string, doc: Document) =>
    await returnedRow(
      d
        .insert(t.bodies)
        .values({ unitId, kind, name, symbol, ...doc, signerName: signer() })
        .returning(),
    );
  const caps = (text: string) => text.toLocaleUpperCase("vi");
  const provinceCommittee = `TỈNH ỦY ${caps(PROVINCE.placeName)}`;
  const provinceBodies = {
    standing: await addBody(province.id, "standing_committee", "Ban Thường vụ Tỉnh ủy", "TU", {
      parentLine: "",
      headingName: provinceCommittee,
      signForm: "T/M",
      signFor: "BAN THƯỜNG VỤ",
      signerTitle: "PHÓ BÍ THƯ THƯỜNG TRỰC",
    }),
    propaganda: await addBody(province.id, "propaganda", "Ban Tuyên giáo Tỉnh ủy", "BTGTU", {
      parentLine: provinceCommittee,
      headingName: "BAN TUYÊN GIÁO",
      signForm: "K/T",
      signFor: "TRƯỞNG BAN",
      signerTitle: "PHÓ TRƯỞNG BAN",
    }),
    labour: await addBody(province.id, "labour_federation", "Liên đoàn Lao động tỉnh", "LĐLĐ", {
      parentLine: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
      headingName: `LIÊN ĐOÀN LAO ĐỘNG TỈNH ${caps(PROVINCE.placeName)}`,
      signForm: "T/M",
      signFor: "BAN THƯỜNG VỤ",
      signerTitle: "CHỦ TỊCH",
    }),
    education: await addBody(province.id, "education_office", "Sở Giáo dục và Đào tạo", "SGDĐT", {
      parentLine: `ỦY BAN NHÂN DÂN TỈNH ${caps(PROVINCE.placeName)}`,
      headingName: "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
      signForm: "",
      signFor: "",
      signerTitle: "GIÁM ĐỐC",
    }),
  };
  const districtBodies = new Map<string, Record<BodyKey, typeof t.bodies.$inferSelect>>();
  for (const { demo, row } of districtUnits) {
    const committee = `${caps(demo.committee)} ${caps(demo.placeName)}`;
    districtBodies.set(demo.code, {
      standing: await addBody(row.id, "standing_committee", `Ban Thường vụ ${demo.committee} ${demo.placeName}`, demo.committeeSymbol, {
        parentLine: `ĐẢNG BỘ TỈNH ${caps(PROVINCE.placeName)}`,
        headingName: committee,
        signForm: "T/M",
        signFor: "BAN THƯỜNG VỤ",
        signerTitle: "BÍ THƯ",
      }),
      propaganda: await addBody(row.id, "propaganda", `Ban Tuyên giáo ${demo.committee} ${demo.placeName}`, `BTG${demo.committeeSymbol}`, {
        parentLine: committee,
        headingName: "BAN TUYÊN GIÁO",
        signForm: "",
        signFor: "",
        signerTitle: "TRƯỞNG BAN",
      }),
      labour: await addBody(row.id, "labour_federation", `Liên đoàn Lao động ${demo.lower} ${demo.placeName}`, "LĐLĐ", {
        parentLine: `LIÊN ĐOÀN LAO ĐỘNG TỈNH ${caps(PROVINCE.placeName)}`,
        headingName: `LIÊN ĐOÀN LAO ĐỘNG ${caps(demo.lower)} ${caps(demo.placeName)}`,
        signForm: "T/M",
        signFor: "BAN THƯỜNG VỤ",
        signerTitle: "CHỦ TỊCH",
      }),
      education: await addBody(row.id, "education_office", `Phòng Giáo dục và Đào tạo ${demo.lower} ${demo.placeName}`, "PGDĐT", {
        parentLine: `ỦY BAN NHÂN DÂN ${caps(demo.lower)} ${caps(demo.placeName)}`,
        headingName: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        signForm: "",
        signFor: "",
        signerTitle: "TRƯỞNG PHÒNG",
      }),
    });
  }
  for (const { demo, row } of partyOrgs) {
    const committee = caps(demo.committee);
    await addBody(row.id, "standing_committee", `Ban Thường vụ ${demo.committee}`, demo.symbol, {
      parentLine: `ĐẢNG BỘ TỈNH ${caps(PROVINCE.placeName)}`,
      headingName: committee,
      signForm: "T/M",
      signFor: "BAN THƯỜNG VỤ",
      signerTitle: "BÍ THƯ",
    });
    await addBody(row.id, "propaganda", `Ban Tuyên giáo ${demo.committee}`, `BTG${demo.symbol}`, {
      parentLine: committee,
      headingName: "BAN TUYÊN GIÁO",
      signForm: "",
      signFor: "",
      signerTitle: "TRƯỞNG BAN",
    });
  }
  return { province, districtUnits, provinceBodies, districtBodies };
}
