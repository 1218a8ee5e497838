/**
 * Inputs about campaigns: the campaign form, its requirements (sent by the
 * editor as one JSON field), key rotation and the current-campaign choice.
 * Messages are keys of the "adminCampaigns.errors" messages, or of "validation".
 */
import { z } from "zod";
import { parseDateInput } from "@/lib/time/parse";
import { trimmedText } from "./text";

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable());

/** dd/MM/yyyy (or ISO) → "yyyy-MM-dd". */
const dateKey = z
  .string({ error: "dateFormat" })
  .transform((v) => parseDateInput(v) ?? "")
  .refine((v) => v !== "", "dateFormat")
  .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "dateRange");

const optionalDateKey = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z
    .string()
    .transform((v) => parseDateInput(v) ?? "")
    .refine((v) => v !== "", "dateFormat")
    .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "dateRange")
    .nullable(),
);

export const campaignFieldsSchema = z
  .object({
    title: trimmedText().min(5, "titleRequired").max(300, "tooLong"),
    resolution: trimmedText().min(3, "resolutionRequired").max(500, "tooLong"),
    term: trimmedText().max(50, "tooLong").default(""),
    startDate: dateKey,
    deadline: dateKey,
  })
  .refine((v) => v.deadline >= v.startDate, { path: ["deadline"], message: "deadlineBeforeStart" });
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;

/** The "new campaign" form: blank, or a copy of an earlier campaign (its requirements). */
export const createCampaignSchema = campaignFieldsSchema.and(z.object({ copyFromId: optionalId }));

export const updateCampaignSchema = campaignFieldsSchema.and(z.object({ campaignId: id }));

const kindKey = z.string().trim().min(1, "kindRequired").max(64, "tooLong");

export const requirementSchema = z.object({
  id: z.number().int().positive().nullable().optional(),
  unitKind: kindKey,
  bodyKind: kindKey,
  coBodyKinds: z.array(kindKey).max(10).default([]),
  title: trimmedText().min(5, "requirementTitleRequired").max(300, "tooLong"),
  dueDate: optionalDateKey,
  duration: trimmedText()
    .max(50, "tooLong")
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type RequirementInput = z.input<typeof requirementSchema>;
export type Requirement = z.output<typeof requirementSchema>;

/** The editor's rows as JSON in one form field. */
export const requirementsFormSchema = z.object({
  campaignId: id,
  requirements: z
    .string()
    .max(200_000, "tooLong")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "invalid" });
        return z.NEVER;
      }
    })
    .pipe(z.array(requirementSchema).max(200, "tooMany")),
});

export const setArchivedSchema = z.object({ campaignId: id, archived: z.enum(["0", "1"]).transform((v) => v === "1") });

export const revokeRetiredKeySchema = z.object({ campaignId: id, keyId: id });

export const rotateKeySchema = z.object({
  campaignId: id,
  revokeOld: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).default(false),
});

export const chooseCampaignSchema = z.object({ campaignId: id });
