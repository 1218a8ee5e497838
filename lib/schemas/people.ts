import { z } from "zod";
import { trimmedText } from "./text";

const id = z.coerce.number().int().positive();

/** Vietnamese phone numbers as people type them: spaces, dots, dashes, +84. Null when empty. */
export function normalizePhone(input: string): string | null | "invalid" {
  const compact = input.replace(/[\s.\-()]/g, "");
  if (compact === "") return null;
  const local = compact.startsWith("+84") ? `0${compact.slice(3)}` : compact.startsWith("84") && compact.length === 11 ? `0${compact.slice(2)}` : compact;
  return /^0\d{9,10}$/.test(local) ? local : "invalid";
}

const phone = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const n = normalizePhone(v);
    if (n === "invalid") {
      ctx.addIssue({ code: "custom", message: "phoneFormat" });
      return z.NEVER;
    }
    return n;
  });

export const personFormSchema = z.object({
  personId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional()),
  fullName: trimmedText().min(2, "fullNameRequired").max(120, "tooLong"),
  position: trimmedText().max(200, "tooLong").default(""),
  workplace: trimmedText().max(300, "tooLong").default(""),
  unitId: z.coerce.number({ error: "unitRequired" }).int().positive("unitRequired"),
  category: trimmedText().max(60, "tooLong").default(""),
  isPartyMember: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()),
  phone,
  email: trimmedText()
    .max(200, "tooLong")
    .default("")
    .transform((v) => v || null)
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "emailFormat"),
  externalCode: trimmedText()
    .max(60, "tooLong")
    .default("")
    .transform((v) => v || null),
});
export type PersonFormInput = z.infer<typeof personFormSchema>;

export const peopleQuerySchema = z.object({
  q: trimmedText().max(100).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  category: trimmedText().max(60).optional().catch(undefined),
  party: z.enum(["1", "0"]).optional().catch(undefined),
  position: trimmedText().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

/** The merge, sent from its preview page: `confirm` says the user saw what it does. */
export const mergePeopleSchema = z.object({
  /** The record that goes (hidden, kept for the undo). */
  duplicateId: id,
  /** The record that stays and receives the invitations. */
  keepId: id,
  confirm: z.literal("1", { error: "mergeConfirmRequired" }),
});

export const undoMergeSchema = z.object({ mergeId: id });

/** The preview page's query: the record to keep. */
export const mergePreviewQuerySchema = z.object({ into: id.optional().catch(undefined) });
