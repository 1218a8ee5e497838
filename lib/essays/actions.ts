"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { db } from "@/db";
import type { ActionResult } from "@/lib/http/action-result";
import { defineAction, type InvalidContext } from "@/lib/http/define-action";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/http/upload-limit";
import type { Translator } from "@/lib/i18n/translator";
import { commitEssayImportSchema, essayImportSchema, markEssaysSchema, unmarkEssaysSchema } from "@/lib/schemas/essays";
import { formatDateKey } from "@/lib/time/format";
import type { EssayImportState } from "./import-state";
import { planEssayImport } from "./plan-essay-import";
import { readEssayFile, readEssayText } from "./read-essay-list";
import { recordEssays, unrecordEssays, type EssayResult } from "./record-essays";

const refused = (message: string) => ({ ok: false, message, at: Date.now() });

/** The first problem of a form, in words ("essays.errors.*"). */
function invalid(error: z.ZodError, { t }: InvalidContext) {
  const key = `essays.errors.${error.issues[0]?.message}`;
  return refused(t.has(key) ? t(key) : t("validation.invalid"));
}

const essays = { permission: "essay:record", invalid } as const;

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
  revalidatePath(`/conferences/${result.conferenceId}/report`);
  return { ok: true, message: t(okKey, { changed: result.changed, unchanged: result.unchanged }), at: Date.now() };
}

/** "Đánh dấu đã nộp": the ticked attendees handed in their essay on the given day. */
export const markEssaysAction = defineAction({ ...essays, schema: markEssaysSchema, arrays: ["invitationIds"] }, async (input, { user, t }) => {
  const { conferenceId, invitationIds, date } = input;
  return answer(
    t,
    await recordEssays(db, user, { conferenceId, entries: invitationIds.map((invitationId) => ({ invitationId, submittedOn: date })) }),
    "essays.marked",
  );
});

/** "Bỏ đánh dấu": the ticked attendees have not handed in (yet). */
export const unmarkEssaysAction = defineAction({ ...essays, schema: unmarkEssaysSchema, arrays: ["invitationIds"] }, async (input, { user, t }) =>
  answer(t, await unrecordEssays(db, user, input), "essays.unmarked"),
);

/** The import's first step: a file or pasted lines, matched line by line; nothing is written. */
export const previewEssayImportAction = defineAction<typeof essayImportSchema, EssayImportState>(
  {
    ...essays,
    schema: essayImportSchema,
    input: (form) => ({ conferenceId: form.get("conferenceId"), text: form.get("text") ?? "", date: form.get("date") ?? "" }),
  },
  async (input, { user, t, form }) => {
    const file = form.get("file");
    const hasFile = file instanceof File && file.size > 0;
    if (hasFile && file.size > MAX_ACTION_UPLOAD_BYTES) return refused(t("essays.import.fileTooLarge"));
    if (hasFile && input.text.trim() !== "") return refused(t("essays.import.fileOrText"));
    const read = hasFile ? await readEssayFile(file.name, new Uint8Array(await file.arrayBuffer())) : await readEssayText(input.text);
    if (!read.ok) {
      if (read.code === "noList") return refused(t("essays.import.noList"));
      if (read.code === "tooManyLines") return refused(t("essays.errors.tooMany"));
      if (read.code === "tooLarge") return refused(t("essays.import.fileTooLarge"));
      const key = `import.errors.${read.code}`;
      return refused(
        t.has(key) ? t(key, { line: read.values?.line ?? 0, count: read.values?.count ?? 0, expected: read.values?.expected ?? 0 }) : t("validation.invalid"),
      );
    }
    const plan = await planEssayImport(db, user, input.conferenceId, read.list, input.date);
    if (!plan.ok) return refused(plan.code === "cancelled" ? t("essays.errors.cancelled") : t("validation.notFound"));
    return { ok: true, lines: plan.lines, counts: plan.counts, at: Date.now() };
  },
);

/** The import's commit: the preview's new lines are recorded (each checked again; those already recorded stay as they are). */
export const commitEssayImportAction = defineAction<typeof commitEssayImportSchema, EssayImportState>(
  { ...essays, schema: commitEssayImportSchema },
  async (input, { user, t }) => answer(t, await recordEssays(db, user, input), "essays.import.done"),
);
