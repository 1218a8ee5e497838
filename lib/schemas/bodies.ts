/**
 * Inputs about organising bodies, body kinds and body templates. Messages are
 * keys of the "adminBodies.errors" messages (or of "validation"): the action
 * translates them for the user.
 */
import { z } from "zod";
import { SIGN_FORMS } from "@/db/schema";
import { trimmedText } from "./text";

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional());
const order = z.preprocess((v) => (v === "" || v == null ? 0 : v), z.coerce.number().int("orderRange").min(0, "orderRange").max(9999, "orderRange"));
/** A checkbox: present ("on", "1", "true") or absent. */
const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());

export const BODY_KIND_KEY = /^[a-z][a-z0-9_]{1,39}$/;
export const TEMPLATE_PLACEHOLDER = /\{(unitName|placeName|parentPlaceName|committeeName|UNITNAME|PLACENAME|PARENTPLACENAME|COMMITTEENAME)\}/g;

const bodyFields = {
  name: trimmedText().min(3, "nameRequired").max(200, "tooLong"),
  kind: trimmedText().min(1, "kindRequired"),
  /** Symbol in document numbers: "BTGDVTU", "LĐLĐ" (letters, digits, - and .). */
  symbol: trimmedText()
    .min(1, "symbolRequired")
    .max(20, "tooLong")
    .regex(/^[\p{L}\p{N}.-]+$/u, "symbolFormat"),
  /** First line of the letter heading, usually upper case: "TỈNH ỦY QUẢNG NGÃI". */
  parentLine: trimmedText().max(200, "tooLong").default(""),
  /** The issuing body's line of the heading ("BAN TUYÊN GIÁO"); empty: derived from the name (decision 0023). */
  headingName: trimmedText().max(200, "tooLong").default(""),
  /** The default signature block of the body's letters. */
  signForm: z.enum(SIGN_FORMS, "signFormInvalid").default(""),
  signFor: trimmedText().max(120, "tooLong").default(""),
  signerTitle: trimmedText().max(120, "tooLong").default(""),
  signerName: trimmedText().max(120, "tooLong").default(""),
};

export const createBodySchema = z.object({ unitId: id.catch(0).refine((v) => v > 0, "unitRequired"), ...bodyFields });
export type CreateBodyInput = z.infer<typeof createBodySchema>;

export const updateBodySchema = z.object({ bodyId: id, ...bodyFields });
export type UpdateBodyInput = z.infer<typeof updateBodySchema>;

export const bodyIdSchema = z.object({ bodyId: id });
export const unitIdSchema = z.object({ unitId: id });
export const unitKindSchema = z.object({ unitKind: trimmedText().min(1, "unitKindRequired").max(40, "tooLong") });

export const bodyKindSchema = z.object({
  /** The kind being edited; absent when adding one. Keys never change (bodies and requirements name them). */
  originalKey: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().optional()),
  key: trimmedText().toLowerCase().regex(BODY_KIND_KEY, "kindKeyFormat"),
  label: trimmedText().min(2, "labelRequired").max(120, "tooLong"),
  requirable: checkbox,
  colour: trimmedText()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, "colourFormat"),
  sortOrder: order,
});
export type BodyKindInput = z.infer<typeof bodyKindSchema>;

export const bodyTemplateSchema = z.object({
  templateId: optionalId,
  unitKind: trimmedText().min(1, "unitKindRequired"),
  bodyKind: trimmedText().min(1, "kindRequired"),
  namePattern: trimmedText().min(3, "nameRequired").max(200, "tooLong"),
  symbol: bodyFields.symbol,
  parentLinePattern: trimmedText().max(200, "tooLong").default(""),
  sortOrder: order,
});
export type BodyTemplateInput = z.infer<typeof bodyTemplateSchema>;

export const templateIdSchema = z.object({ templateId: id });
