import { forEachInOrder } from "@/lib/async/in-order";
/**
 * Starting points for body templates, per unit kind: plausible names, symbols
 * and letter-heading lines that a province edits to its own usage. Inserted
 * once per database (a setting records it), so a template the admin deleted
 * does not come back at the next start.
 */
import { eq } from "drizzle-orm";
import { changedRows, firstRow, transaction, type Db } from "@/db/client";
import { appSettings, bodyKinds, bodyTemplates, unitKinds } from "@/db/schema";

export const DEFAULT_TEMPLATES_SETTING = "body_templates_seeded";

type Template = { bodyKind: string; namePattern: string; symbol: string; parentLinePattern: string };

/** The four bodies of a district-level unit (the 2021 campaign's requirements). */
function districtLevel(committee: string, committeeSymbol: string, committeeCaps: string, lower: string, lowerCaps: string): Template[] {
  return [
    {
      bodyKind: "standing_committee",
      namePattern: `Ban Thường vụ ${committee} {placeName}`,
      symbol: committeeSymbol,
      parentLinePattern: "ĐẢNG BỘ TỈNH {PARENTPLACENAME}",
    },
    {
      bodyKind: "propaganda",
      namePattern: `Ban Tuyên giáo ${committee} {placeName}`,
      symbol: `BTG${committeeSymbol}`,
      parentLinePattern: `${committeeCaps} {PLACENAME}`,
    },
    {
      bodyKind: "labour_federation",
      namePattern: `Liên đoàn Lao động ${lower} {placeName}`,
      symbol: "LĐLĐ",
      parentLinePattern: "LIÊN ĐOÀN LAO ĐỘNG TỈNH {PARENTPLACENAME}",
    },
    {
      bodyKind: "education_office",
      namePattern: `Phòng Giáo dục và Đào tạo ${lower} {placeName}`,
      symbol: "PGDĐT",
      parentLinePattern: `ỦY BAN NHÂN DÂN ${lowerCaps} {PLACENAME}`,
    },
  ];
}

/** The bodies of a commune-level unit after the 2025 reform. */
function communeLevel(lower: string, lowerCaps: string): Template[] {
  return [
    {
      bodyKind: "standing_committee",
      namePattern: `Ban Thường vụ Đảng ủy ${lower} {placeName}`,
      symbol: "ĐU",
      parentLinePattern: "ĐẢNG BỘ TỈNH {PARENTPLACENAME}",
    },
    {
      bodyKind: "fatherland_front",
      namePattern: `Ủy ban Mặt trận Tổ quốc Việt Nam ${lower} {placeName}`,
      symbol: "MTTQ",
      parentLinePattern: "ỦY BAN MTTQ VIỆT NAM TỈNH {PARENTPLACENAME}",
    },
    {
      bodyKind: "culture_social_office",
      namePattern: `Phòng Văn hóa - Xã hội ${lower} {placeName}`,
      symbol: "VHXH",
      parentLinePattern: `ỦY BAN NHÂN DÂN ${lowerCaps} {PLACENAME}`,
    },
  ];
}

export const DEFAULT_BODY_TEMPLATES: Record<string, Template[]> = {
  tinh: [
    { bodyKind: "standing_committee", namePattern: "Ban Thường vụ Tỉnh ủy", symbol: "TU", parentLinePattern: "" },
    { bodyKind: "propaganda_mass_mobilisation", namePattern: "Ban Tuyên giáo và Dân vận Tỉnh ủy", symbol: "BTGDVTU", parentLinePattern: "TỈNH ỦY {PLACENAME}" },
    {
      bodyKind: "fatherland_front",
      namePattern: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {placeName}",
      symbol: "MTTQ",
      parentLinePattern: "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM",
    },
  ],
  huyen: districtLevel("Huyện ủy", "HU", "HUYỆN ỦY", "huyện", "HUYỆN"),
  thi_xa: districtLevel("Thị ủy", "TXU", "THỊ ỦY", "thị xã", "THỊ XÃ"),
  thanh_pho: districtLevel("Thành ủy", "ThU", "THÀNH ỦY", "thành phố", "THÀNH PHỐ"),
  xa: communeLevel("xã", "XÃ"),
  phuong: communeLevel("phường", "PHƯỜNG"),
  dac_khu: communeLevel("đặc khu", "ĐẶC KHU"),
  dang_bo_truc_thuoc: [
    { bodyKind: "standing_committee", namePattern: "Ban Thường vụ {committeeName}", symbol: "ĐU", parentLinePattern: "ĐẢNG BỘ TỈNH {PARENTPLACENAME}" },
  ],
};

/**
 * Inserts the default templates if this database never had them (for unit and
 * body kinds that exist; a template already there is left alone). Returns how
 * many were inserted; 0 on every later call.
 */
export async function ensureDefaultBodyTemplates(db: Db): Promise<number> {
  // Every view of the templates page asks: once done, a read, with no write transaction.
  if (await firstRow(db.select().from(appSettings).where(eq(appSettings.key, DEFAULT_TEMPLATES_SETTING)))) return 0;
  return await transaction(db, async (db) => {
    if (await firstRow(db.select().from(appSettings).where(eq(appSettings.key, DEFAULT_TEMPLATES_SETTING)))) return 0;
    const unitKindKeys = new Set((await db.select({ key: unitKinds.key }).from(unitKinds)).map((k) => k.key));
    const bodyKindKeys = new Set((await db.select({ key: bodyKinds.key }).from(bodyKinds)).map((k) => k.key));
    let inserted = 0;
    for (const [unitKind, templates] of Object.entries(DEFAULT_BODY_TEMPLATES)) {
      if (!unitKindKeys.has(unitKind)) continue;
      await forEachInOrder(templates, async (t, i) => {
        if (!bodyKindKeys.has(t.bodyKind)) return;
        inserted += changedRows(
          await db
            .insert(bodyTemplates)
            .values({ unitKind, ...t, sortOrder: (i + 1) * 10 })
            .onConflictDoNothing(),
        );
      });
    }
    await db.insert(appSettings).values({ key: DEFAULT_TEMPLATES_SETTING, value: new Date().toISOString() });
    return inserted;
  });
}
