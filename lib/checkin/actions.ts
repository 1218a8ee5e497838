"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/http/define-action";
import { reopenPracticeSchema } from "@/lib/schemas/conferences";
import { formatDate, formatTime } from "@/lib/time/format";
import { reopenPracticeConference } from "./practice-conference";

/**
 * "Mở lại hội nghị thực hành": the demo's practice conference, open again from now for a day,
 * its last practice cleared (docs/decisions/0025). Admins only; the conference must be in their
 * scope (SQL) and be the practice conference; audited.
 */
export const reopenPracticeAction = defineAction(
  { permission: "practice:reopen", schema: reopenPracticeSchema, invalid: "message" },
  async (input, { user, t }) => {
    const result = await reopenPracticeConference(db, user, input.conferenceId);
    if (!result.ok) {
      const message =
        result.reason === "not_practice"
          ? t("door.practice.notPractice")
          : result.reason === "forbidden"
            ? t("validation.forbidden")
            : t("validation.notFound");
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
  },
);
