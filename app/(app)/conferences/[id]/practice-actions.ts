"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { reopenPracticeConference } from "@/lib/checkin/practice-conference";
import type { ActionResult } from "@/lib/http/action-result";
import { getTranslator } from "@/lib/i18n/translator";
import { formToObject } from "@/lib/http/request-input";
import { reopenPracticeSchema } from "@/lib/schemas/conferences";
import { formatDate, formatTime } from "@/lib/time/format";

/**
 * "Mở lại hội nghị thực hành": the demo's practice conference, open again from now for a day,
 * its last practice cleared (docs/decisions/0025). Admins only; the conference must be in their
 * scope (SQL) and be the practice conference; audited.
 */
export async function reopenPracticeAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("practice:reopen");
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = reopenPracticeSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = reopenPracticeConference(db, user, parsed.data.conferenceId);
  if (!result.ok) {
    const message =
      result.reason === "not_practice" ? t("door.practice.notPractice") : result.reason === "forbidden" ? t("validation.forbidden") : t("validation.notFound");
    return { ok: false, message, at: Date.now() };
  }
  for (const path of ["/", "/checkin", "/login", "/conferences", `/conferences/${result.id}`]) revalidatePath(path);
  return {
    ok: true,
    message: t("door.practice.done", {
      time: formatTime(result.closesAt),
      date: formatDate(result.closesAt),
      checkIns: result.cleared.checkIns,
      walkIns: result.cleared.walkIns,
    }),
    at: Date.now(),
  };
}
