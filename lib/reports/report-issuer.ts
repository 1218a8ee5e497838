/**
 * Who issues a unit's printed results report and to whom it goes: the unit's Standing Committee
 * (heading and default signature block, decision 0023), reporting to the superior unit's Standing
 * Committee and propaganda body. The root unit reports upward to the Central Propaganda Commission,
 * never to itself. The unit edits the recipients on the page before printing.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, units } from "@/db/schema";
import { committeeName, committeeOf, documentHeading } from "@/lib/documents/document-heading";
import { signatureBlock } from "@/lib/documents/signature-block";

/** The words of the recipients list around the bodies' names; Vietnamese unless the page passes its locale's. */
export interface RecipientWords {
  /** After a body reported to: "(để b/c)". */
  forReport: string;
  below: string;
  standing: (committee: string) => string;
  archive: (committee: string) => string;
  central: (merged: boolean) => string;
}
export const VIETNAMESE_RECIPIENT_WORDS: RecipientWords = {
  forReport: "(để b/c)",
  below: "Các cấp ủy trực thuộc",
  standing: (committee) => `Thường trực ${committee}`,
  archive: (committee) => `Lưu Văn phòng ${committee}`,
  central: (merged) => (merged ? "Ban Tuyên giáo và Dân vận Trung ương" : "Ban Tuyên giáo Trung ương"),
};

/** Body kinds that carry Party propaganda work, before and after the 2025 merger. */
const PROPAGANDA_KINDS = ["propaganda", "propaganda_mass_mobilisation"];

export async function reportIssuer(
  db: Db,
  unit: { id: number; parentId: number | null; placeName: string; name: string },
  words: RecipientWords = VIETNAMESE_RECIPIENT_WORDS,
) {
  const standingOf = async (unitId: number) =>
    await firstRow(
      db
        .select()
        .from(bodies)
        .where(and(eq(bodies.unitId, unitId), eq(bodies.kind, "standing_committee"), isNull(bodies.retiredAt)))
        .orderBy(asc(bodies.id)),
    );
  const standing = await standingOf(unit.id);
  const heading = standing ? documentHeading({ ...standing, placeName: unit.placeName }) : { superior: null, issuer: unit.name.toLocaleUpperCase("vi") };
  const signature = signatureBlock(standing ?? { signForm: "T/M", signFor: "BAN THƯỜNG VỤ", signerTitle: "", signerName: "" });
  // "Lưu Văn phòng Huyện ủy": the committee in ordinary case, from the standing committee's name.
  const committee = standing ? committeeName(standing.name) : unit.name;

  const recipients: string[] = [];
  if (unit.parentId) {
    const parent = await firstRow(db.select().from(units).where(eq(units.id, unit.parentId)));
    const upward = await db
      .select({ name: bodies.name, kind: bodies.kind })
      .from(bodies)
      .where(and(eq(bodies.unitId, unit.parentId), inArray(bodies.kind, ["standing_committee", ...PROPAGANDA_KINDS]), isNull(bodies.retiredAt)))
      .orderBy(asc(bodies.id));
    for (const b of upward) recipients.push(`- ${b.name} ${words.forReport},`);
    if (recipients.length === 0 && parent) recipients.push(`- ${parent.name} ${words.forReport},`);
  } else {
    // The central commission as the province names its own board: merged in 2025 or not.
    const merged = await firstRow(
      db
        .select({ id: bodies.id })
        .from(bodies)
        .where(and(eq(bodies.unitId, unit.id), eq(bodies.kind, "propaganda_mass_mobilisation"), isNull(bodies.retiredAt))),
    );
    recipients.push(`- ${words.central(Boolean(merged))} ${words.forReport},`, `- ${words.standing(committee)} ${words.forReport},`, `- ${words.below},`);
  }
  recipients.push(`- ${words.archive(committee)}.`);
  return { heading, symbol: standing?.symbol ?? "", signature, recipients, committee: committeeOf(committee, unit.placeName) };
}
