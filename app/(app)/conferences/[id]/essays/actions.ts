"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import type { EssayImportState } from "@/lib/essays/import-state";
import { planEssayImport } from "@/lib/essays/plan-essay-import";
import { readEssayFile, readEssayText } from "@/lib/essays/read-essay-list";
import { recordEssays, unrecordEssays, type EssayResult } from "@/lib/essays/record-essays";
import type { ActionResult } from "@/lib/http/action-result";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/http/upload-limit";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { formToObject } from "@/lib/http/request-input";
import { commitEssayImportSchema, essayImportSchema, markEssaysSchema, unmarkEssaysSchema } from "@/lib/schemas/essays";
import { formatDateKey } from "@/lib/time/format";

const refused = (message: string) => ({ ok: false, message, at: Date.now() });

/** The first problem of a form, in words ("essays.errors.*"). */
function invalid(t: Translator, error: z.ZodError) {
  const key = `essays.errors.${error.issues[0]?.message}`;
  return refused(t.has(key) ? t(key) : t("validation.invalid"));
}

/** A refusal of lib/essays in words; a success says how many changed. */
function answer(t: Translator, result: EssayResult, okKey: string): ActionResult {
  if (!result.ok) {
    switch (result.code) {
      case "notFound":
        return refused(t("validation.notFound"));
      case "cancelled":
        return refused(t("essays.errors.cancelled"));
      case "notAttendee":
        return refused(t("essays.errors.notAttendee", { names: result.names.join(", "), count: result.count }));
      case "dateBeforeConference":
        return refused(t("essays.errors.dateBeforeConference", { date: formatDateKey(result.conferenceDate) }));
      case "dateInFuture":
        return refused(t("essays.errors.dateInFuture", { date: formatDateKey(result.today) }));
    }
  }
  revalidatePath(`/conferences/${result.conferenceId}/essays`);
  revalidatePath(`/conferences/${result.conferenceId}/attendance`);
  return { ok: true, message: t(okKey, { changed: result.changed, unchanged: result.unchanged }), at: Date.now() };
}

/** "Đánh dấu đã nộp": the ticked attendees handed in their essay on the given day. */
export async function markEssaysAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("essay:record");
  if (!user) return refused(t("validation.forbidden"));
  const parsed = markEssaysSchema.safeParse(formToObject(form, ["invitationIds"]));
  if (!parsed.success) return invalid(t, parsed.error);
  const { conferenceId, invitationIds, date } = parsed.data;
  return answer(
    t,
    recordEssays(db, user, { conferenceId, entries: invitationIds.map((invitationId) => ({ invitationId, submittedOn: date })) }),
    "essays.marked",
  );
}

/** "Bỏ đánh dấu": the ticked attendees have not handed in (yet). */
export async function unmarkEssaysAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("essay:record");
  if (!user) return refused(t("validation.forbidden"));
  const parsed = unmarkEssaysSchema.safeParse(formToObject(form, ["invitationIds"]));
  if (!parsed.success) return invalid(t, parsed.error);
  return answer(t, unrecordEssays(db, user, parsed.data), "essays.unmarked");
}

/** The import's first step: a file or pasted lines, matched line by line; nothing is written. */
export async function previewEssayImportAction(_prev: EssayImportState, form: FormData): Promise<EssayImportState> {
  const t = await getTranslator();
  const user = await getActionUser("essay:record");
  if (!user) return refused(t("validation.forbidden"));
  const parsed = essayImportSchema.safeParse({ conferenceId: form.get("conferenceId"), text: form.get("text") ?? "", date: form.get("date") ?? "" });
  if (!parsed.success) return invalid(t, parsed.error);
  const file = form.get("file");
  const hasFile = file instanceof File && file.size > 0;
  if (hasFile && file.size > MAX_ACTION_UPLOAD_BYTES) return refused(t("essays.import.fileTooLarge"));
  if (hasFile && parsed.data.text.trim() !== "") return refused(t("essays.import.fileOrText"));
  const read = hasFile ? await readEssayFile(file.name, new Uint8Array(await file.arrayBuffer())) : await readEssayText(parsed.data.text);
  if (!read.ok) {
    if (read.code === "noList") return refused(t("essays.import.noList"));
    if (read.code === "tooManyLines") return refused(t("essays.errors.tooMany"));
    if (read.code === "tooLarge") return refused(t("essays.import.fileTooLarge"));
    const key = `import.errors.${read.code}`;
    return refused(
      t.has(key) ? t(key, { line: read.values?.line ?? 0, count: read.values?.count ?? 0, expected: read.values?.expected ?? 0 }) : t("validation.invalid"),
    );
  }
  const plan = planEssayImport(db, user, parsed.data.conferenceId, read.list, parsed.data.date);
  if (!plan.ok) return refused(plan.code === "cancelled" ? t("essays.errors.cancelled") : t("validation.notFound"));
  return { ok: true, lines: plan.lines, counts: plan.counts, at: Date.now() };
}

/** The import's commit: the preview's new lines are recorded (each checked again; those already recorded stay as they are). */
export async function commitEssayImportAction(_prev: EssayImportState, form: FormData): Promise<EssayImportState> {
  const t = await getTranslator();
  const user = await getActionUser("essay:record");
  if (!user) return refused(t("validation.forbidden"));
  const parsed = commitEssayImportSchema.safeParse(formToObject(form));
  if (!parsed.success) return invalid(t, parsed.error);
  return answer(t, recordEssays(db, user, parsed.data), "essays.import.done");
}
