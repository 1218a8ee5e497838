"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { refusalMessage } from "@/lib/http/action-result";
import { defineAction } from "@/lib/http/define-action";
import { refusal } from "@/lib/http/request-error";
import type { Translator } from "@/lib/i18n/translator";
import { mergePeopleSchema, personFormSchema, undoMergeSchema } from "@/lib/schemas/people";
import { mergePeople, undoMerge, type MergeRefusal } from "./merge-people";
import { savePerson } from "./people";

export const savePersonAction = defineAction({ permission: "people:manage", schema: personFormSchema, keepValues: true }, async (input, { user }) => {
  const result = await savePerson(db, user, input);
  if (!result.ok) throw refusal(result);
  revalidatePath("/people");
  redirect(`/people/${result.id}?saved=1`);
});

/** A merge's refusal in words, with what it names (the conference, the record). */
function mergeRefusal(t: Translator, refused: MergeRefusal): string {
  const values: Record<string, string> | undefined =
    "conference" in refused ? { conference: refused.conference } : "name" in refused ? { name: refused.name } : undefined;
  return refusalMessage(t, refused.code, values);
}

/** From the merge preview page, confirmed: the record `duplicateId` goes into `keepId` (kept for the undo). */
export const mergePeopleAction = defineAction(
  {
    permission: "people:manage",
    schema: mergePeopleSchema,
    invalid: (error, { t }) => {
      const confirmMissing = error.issues.some((i) => i.path[0] === "confirm") && error.issues.length === 1;
      return { ok: false, message: refusalMessage(t, confirmMissing ? "mergeConfirmRequired" : "mergeTargetRequired"), at: Date.now() };
    },
  },
  async (input, { user, t }) => {
    const result = await mergePeople(db, user, input.duplicateId, input.keepId);
    if (!result.ok) return { ok: false, message: mergeRefusal(t, result), at: Date.now() };
    revalidatePath("/people");
    revalidatePath("/admin/audit");
    redirect(`/people/${result.keptId}?merged=${result.mergeId}`);
  },
);

/** Undoes a merge, from the kept person's page or the audit log; refused with the reason when something since prevents it. */
export const undoMergeAction = defineAction({ permission: "people:manage", schema: undoMergeSchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await undoMerge(db, user, input.mergeId);
  if (!result.ok) return { ok: false, message: mergeRefusal(t, result), at: Date.now() };
  revalidatePath("/people");
  revalidatePath(`/people/${result.keptId}`);
  revalidatePath(`/people/${result.mergedId}`);
  revalidatePath("/admin/audit");
  return {
    ok: true,
    message: t("safety.merge.undone", { name: result.mergedName, movedBack: result.movedBack, restored: result.restored }),
    at: Date.now(),
  };
});
