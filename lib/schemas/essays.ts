/**
 * Inputs of the reflection essays (bài thu hoạch, docs/decisions/0010, amendment on essays): the marking form, the import's
 * list and its commit, and the essays page's URL filter. Messages are keys of "essays.errors".
 * URL filters never fail: anything unreadable is dropped.
 */
import { z } from "zod";
import { parseDateInput } from "@/lib/time/parse";
import { trimmedText } from "./text";

/** At most this many attendees in one request (a provincial conference with its bridge points). */
export const MAX_ESSAY_BATCH = 20_000;
/**
 * A pasted list: some 10,000 lines. With the form around it, it must fit the server actions' body
 * limit (1 MB; a Vietnamese letter is up to 3 bytes): the form also checks the bytes before sending.
 */
export const MAX_PASTED_CHARS = 250_000;

const id = z.coerce
  .number({ error: "invalid" })
  .int("invalid")
  .positive("invalid")
  .max(2 ** 31, "invalid");

/** dd/MM/yyyy (or yyyy-MM-dd) → "yyyy-MM-dd". */
export const essayDateSchema = trimmedText().transform((v, ctx) => {
  if (v === "") {
    ctx.addIssue({ code: "custom", message: "dateRequired" });
    return z.NEVER;
  }
  const key = parseDateInput(v);
  if (!key || key < "2000-01-01" || key > "2100-12-31") {
    ctx.addIssue({ code: "custom", message: "dateFormat" });
    return z.NEVER;
  }
  return key;
});

const invitationIds = z
  .array(id, { error: "noneSelected" })
  .min(1, "noneSelected")
  .max(MAX_ESSAY_BATCH, "tooMany")
  .transform((ids) => [...new Set(ids)]);

/** "Đánh dấu đã nộp": the ticked attendees and the day they handed in. */
export const markEssaysSchema = z.object({ conferenceId: id, invitationIds, date: essayDateSchema });

/** "Bỏ đánh dấu": the ticked attendees. */
export const unmarkEssaysSchema = z.object({ conferenceId: id, invitationIds });

/** The import's first step: a pasted list (a file comes as a File beside it) and the day for lines without one. */
export const essayImportSchema = z.object({
  conferenceId: id,
  text: z
    .string()
    .max(MAX_PASTED_CHARS, "pasteTooLong")
    .default("")
    .transform((v) => v.normalize("NFC")),
  date: essayDateSchema,
});

const entry = z
  .string()
  .regex(/^\d{1,12}:\d{4}-\d{2}-\d{2}$/, "invalid")
  .transform((v, ctx) => {
    const [rawId, date] = v.split(":");
    const invitationId = Number(rawId);
    if (!Number.isSafeInteger(invitationId) || invitationId <= 0 || parseDateInput(date) !== date) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return { invitationId, submittedOn: date };
  });

/**
 * The import's commit: what the preview matched, "invitationId:yyyy-MM-dd" each, comma-separated
 * in one field (20,000 fields of their own would outgrow the actions' body limit); every one is
 * checked again on the server.
 */
export const commitEssayImportSchema = z.object({
  conferenceId: id,
  entries: z
    .string({ error: "nothingToImport" })
    .max(MAX_ESSAY_BATCH * 24, "tooMany")
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(entry).min(1, "nothingToImport").max(MAX_ESSAY_BATCH, "tooMany")),
});

export const ESSAY_STATES = ["submitted", "missing"] as const;
export type EssayState = (typeof ESSAY_STATES)[number];

/** The essays page's filter in the URL: submitted or not, a search, a page. */
export const essayFilterSchema = z.object({
  state: z.enum(ESSAY_STATES).optional().catch(undefined),
  q: trimmedText().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type EssayFilter = z.infer<typeof essayFilterSchema>;

export function parseEssayFilter(params: Record<string, string | string[] | undefined>): EssayFilter {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  return essayFilterSchema.parse(flat);
}
