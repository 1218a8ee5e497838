/**
 * Inputs about units and unit kinds. Messages are keys translated by the actions:
 * first under `adminUnits.errors`, then under `validation`.
 */
import { z } from "zod";
import { trimmedText } from "./text";

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), id.nullable());

/** Unit codes as offices write them: administrative numbers (522) or short codes (DBK-CQ); they are in report URLs. */
export const unitCodeField = trimmedText()
  .min(1, "codeRequired")
  .max(20, "codeFormat")
  .regex(/^[A-Za-z0-9_-]+$/, "codeFormat");

export const unitFormSchema = z.object({
  code: unitCodeField,
  name: trimmedText().min(2, "nameRequired").max(200, "tooLong"),
  kind: trimmedText().min(1, "kindRequired"),
  placeName: trimmedText().max(120, "tooLong").default(""),
  parentId: optionalId.catch(null),
  sortOrder: z
    .preprocess((v) => (v === "" || v == null ? 0 : v), z.coerce.number().int().min(-100_000, "sortOrderFormat").max(100_000, "sortOrderFormat"))
    .catch(0),
});
export type UnitFormInput = z.infer<typeof unitFormSchema>;

export const unitIdSchema = z.object({ unitId: id });

export const setUnitRetiredSchema = z.object({ unitId: id, retired: z.enum(["0", "1"]).transform((v) => v === "1") });

export const mergeUnitsSchema = z.object({
  unitId: id,
  intoId: z.coerce.number({ error: "intoRequired" }).int().positive("intoRequired"),
  confirm: z.preprocess((v) => v === "1" || v === "on", z.boolean()),
});

export const unitKindSchema = z.object({
  key: trimmedText()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "kindKeyFormat"),
  label: trimmedText().min(1, "labelRequired").max(120, "tooLong"),
  sortOrder: z.preprocess((v) => (v === "" || v == null ? 0 : v), z.coerce.number().int().min(-100_000).max(100_000)).catch(0),
});
export type UnitKindInput = z.infer<typeof unitKindSchema>;

export const commitUnitsImportSchema = z.object({ batchId: id });
