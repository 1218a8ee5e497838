/**
 * Inputs about conferences: URL filters, the conference form, moves from the
 * calendar, cancelling, sites. Messages are keys of "validation" messages.
 */
import { z } from "zod";
import { CONFERENCE_STATUSES, SIGN_FORMS } from "@/db/schema";
import { parseDateInput, parseTimeInput } from "@/lib/time/parse";
import { zonedInstant } from "@/lib/time/zone";
import { trimmedText } from "./text";

/** Filters of the conference list, from the URL. Anything unknown is ignored, never an error page. */
export const conferenceFiltersSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(CONFERENCE_STATUSES).optional().catch(undefined),
});
export type ConferenceListFilters = z.infer<typeof conferenceFiltersSchema>;

/** The list's filters as a query string ("unit=5&status=held"), or "" when there is none. */
export function listQueryOf(filters: ConferenceListFilters): string {
  const params = new URLSearchParams();
  if (filters.unit) params.set("unit", String(filters.unit));
  if (filters.status) params.set("status", filters.status);
  return params.toString();
}

/**
 * The way back to the list a conference was opened from: its filters travel as `?list=…` and come
 * back through the same schema, so nothing but a valid unit id and status reaches the link.
 */
export function listHrefFrom(list: unknown): string {
  if (typeof list !== "string" || list.length > 200) return "/conferences";
  const query = listQueryOf(conferenceFiltersSchema.parse(Object.fromEntries(new URLSearchParams(list))));
  return query ? `/conferences?${query}` : "/conferences";
}

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);
const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable());
/** dd/MM/yyyy (or ISO) → "yyyy-MM-dd". */
const dateKey = z
  .string({ error: "dateFormat" })
  .transform((v) => parseDateInput(v) ?? "")
  .refine((v) => v !== "", "dateFormat")
  .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "dateRange");
/** HH:mm, 7:30, 7h30 → "HH:mm". */
const time = z
  .string({ error: "timeFormat" })
  .transform((v) => parseTimeInput(v) ?? "")
  .refine((v) => v !== "", "timeFormat");
const text = (max: number) => trimmedText().max(max, "tooLong").default("");
const confirm = z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).default(false);

/** An optional text: empty means "as the organising body" (null), not an empty override. */
const orBody = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), trimmedText().max(max, "tooLong").nullable().default(null));
/** The signing authority: "default" (the body's), "" (the head signs) or T/M, K/T, T/L (decision 0023). */
export const signFormField = z
  .enum(["default", ...SIGN_FORMS], "signFormInvalid")
  .default("default")
  .transform((v) => (v === "default" ? null : v));

export const EDITABLE_STATUSES = ["draft", "scheduled", "in_progress", "held"] as const;

export const conferenceFormSchema = z
  .object({
    campaignId: id("campaignRequired"),
    bodyId: id("organisingBodyRequired"),
    coBodyIds: z.array(z.coerce.number().int().positive()).max(20).default([]),
    requirementId: optionalId,
    title: trimmedText().min(5, "titleRequired").max(300, "tooLong"),
    agenda: text(5000),
    audience: text(2000),
    chair: text(300),
    contact: text(300),
    signForm: signFormField,
    signFor: orBody(120),
    signerTitle: orBody(120),
    signerName: orBody(120),
    startDate: dateKey,
    startTime: time,
    endDate: dateKey,
    endTime: time,
    graceMinutes: z.coerce.number({ error: "graceRange" }).int("graceRange").min(0, "graceRange").max(240, "graceRange"),
    status: z.enum(EDITABLE_STATUSES, "statusRequired"),
    venue: trimmedText().min(2, "venueRequired").max(200, "tooLong"),
    address: text(300),
    capacity: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      z.coerce.number({ error: "capacityRange" }).int("capacityRange").min(1, "capacityRange").max(100_000, "capacityRange").nullable(),
    ),
    confirmWarnings: confirm,
  })
  .transform((v) => ({ ...v, startsAt: zonedInstant(v.startDate, v.startTime), endsAt: zonedInstant(v.endDate, v.endTime) }))
  .refine((v) => v.endsAt > v.startsAt, { path: ["endTime"], message: "endBeforeStart" });
export type ConferenceFormInput = z.infer<typeof conferenceFormSchema>;

/** A drag or resize on the calendar: how far the start and the end moved, in milliseconds. */
export const moveConferenceSchema = z.object({
  conferenceId: z.number().int().positive(),
  startDeltaMs: z
    .number()
    .int()
    .min(-366 * 86_400_000)
    .max(366 * 86_400_000),
  endDeltaMs: z
    .number()
    .int()
    .min(-366 * 86_400_000)
    .max(366 * 86_400_000),
  confirmWarnings: z.boolean().default(false),
});

export const cancelConferenceSchema = z.object({
  conferenceId: z.coerce.number().int().positive(),
  reason: trimmedText().min(3, "cancelReasonRequired").max(500, "tooLong"),
});

/** Un-cancelling: back to a draft or to scheduled. */
export const restoreConferenceSchema = z.object({
  conferenceId: z.coerce.number().int().positive(),
  status: z.enum(["draft", "scheduled"]),
});

/** "Mở lại hội nghị thực hành" (lib/checkin/practice-conference.ts): which conference. */
export const reopenPracticeSchema = z.object({
  conferenceId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const setStatusSchema = z.object({
  conferenceId: z.coerce.number().int().positive(),
  status: z.enum(CONFERENCE_STATUSES),
});

export const siteFormSchema = z.object({
  conferenceId: z.coerce.number().int().positive(),
  siteId: optionalId,
  unitId: id("unitRequired"),
  venue: trimmedText().min(2, "venueRequired").max(200, "tooLong"),
  address: text(300),
  capacity: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce.number({ error: "capacityRange" }).int("capacityRange").min(1, "capacityRange").max(100_000, "capacityRange").nullable(),
  ),
  staffIds: z.array(z.coerce.number().int().positive()).max(50).default([]),
});
export type SiteFormInput = z.infer<typeof siteFormSchema>;
