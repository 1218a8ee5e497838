/**
 * Inputs of the attendance reports: the URL filters every view keeps, and the
 * forms that record absences and make-up sessions. URL filters never fail:
 * anything unreadable is dropped (the page says which filter it ignored by not showing it).
 */
import { z } from "zod";
import { ABSENCE_REASONS } from "@/db/schema";
import { INVITEE_STATUSES } from "@/lib/reports/attendance-rules";
import { parseDateInput } from "@/lib/time/parse";
import { trimmedText } from "./text";

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v ? (parseDateInput(v) ?? undefined) : undefined))
  .catch(undefined);
const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31)
  .optional()
  .catch(undefined);

export const reportFilterSchema = z.object({
  campaign: optionalId,
  from: optionalDate,
  to: optionalDate,
  unit: trimmedText()
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
  body: optionalId,
  category: trimmedText()
    .max(60)
    .regex(/^[a-z_]+$/)
    .optional()
    .catch(undefined),
  site: optionalId,
  status: z
    .enum(INVITEE_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  sort: z.enum(["name", "unit", "status", "time"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  /** "1": every unit in the campaign table, not only those furthest behind. */
  all: z.literal("1").optional().catch(undefined),
});
export type ReportFilterInput = z.infer<typeof reportFilterSchema>;

/** searchParams (string | string[]) → the filter; only the first of repeated values counts. */
export function parseReportFilter(params: Record<string, string | string[] | undefined>): ReportFilterInput {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  return reportFilterSchema.parse(flat);
}

const id = z.coerce
  .number({ error: "invalid" })
  .int("invalid")
  .positive("invalid")
  .max(2 ** 31, "invalid");

export const absenceFormSchema = z.object({
  invitationId: id,
  /** "" clears the reason (absent without one). */
  reason: z.union([z.enum(ABSENCE_REASONS), z.literal("")], { error: "invalid" }),
  note: trimmedText().max(500, "tooLong").default(""),
});

export const makeUpFormSchema = z.object({
  invitationId: id,
  /** dd/MM/yyyy; "" clears it. */
  date: trimmedText().transform((v, ctx) => {
    if (v === "") return null;
    const key = parseDateInput(v);
    if (!key || key < "2000-01-01" || key > "2100-12-31") {
      ctx.addIssue({ code: "custom", message: "dateFormat" });
      return z.NEVER;
    }
    return key;
  }),
  note: trimmedText().max(300, "tooLong").default(""),
});
