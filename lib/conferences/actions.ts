"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { defineAction, defineCall, formOrNull } from "@/lib/http/define-action";
import { idParam } from "@/lib/http/request-input";
import {
  cancelConferenceSchema,
  conferenceFormSchema,
  moveConferenceSchema,
  restoreConferenceSchema,
  setStatusSchema,
  siteFormSchema,
} from "@/lib/schemas/conferences";
import { conflictMessages, describeRefusal } from "./describe-result";
import { addBridgePointsEverywhere, removeSite, saveSite } from "./manage-sites";
import { cancelConference, duplicateConference, moveConference, restoreConference, saveConference, setConferenceStatus } from "./save-conference";

const write = { permission: "conference:write" } as const;
/** A conference id, or a site of it, named in the form. */
const conferenceIdField = z.preprocess((v) => (v == null ? "" : String(v)), idParam);

function refresh(conferenceId?: number) {
  revalidatePath("/conferences");
  revalidatePath("/calendar");
  revalidatePath("/board");
  revalidatePath("/");
  if (conferenceId) revalidatePath(`/conferences/${conferenceId}`);
}

/** New (no conferenceId) or edited: saved with its conflicts checked; warnings wait for a confirmation. */
export const saveConferenceAction = defineAction(
  {
    ...write,
    // A conferenceId that is there but not an id is refused like a wrong role (nothing to say about it).
    schema: z.object({ conferenceId: z.union([z.literal(""), z.undefined(), conferenceIdField]) }).and(conferenceFormSchema),
    arrays: ["coBodyIds"],
    keepValues: true,
    invalid: (error, { t, fieldErrors, values }) =>
      error.issues.some((issue) => issue.path[0] === "conferenceId")
        ? { ok: false, message: t("validation.forbidden"), values, at: Date.now() }
        : { ok: false, fieldErrors, values, at: Date.now() },
  },
  async ({ conferenceId, ...fields }, { user, t, values }) => {
    const result = await saveConference(db, user, fields, conferenceId || undefined);
    if (!result.ok) return describeRefusal(result, t, values);
    refresh(result.id);
    redirect(`/conferences/${result.id}?saved=1`);
  },
);

/** From the calendar: a drag or a resize. Refused moves are undone by the calendar. */
export const moveConferenceAction = defineCall(
  {
    ...write,
    schema: moveConferenceSchema,
    refused: ({ reason, t }) => ({ ok: false, message: t(reason === "forbidden" ? "validation.forbidden" : "validation.invalid"), at: Date.now() }),
  },
  async (input, { user, t }) => {
    const result = await moveConference(db, user, input);
    if (!result.ok) return describeRefusal(result, t);
    refresh(result.id);
    return { ok: true, message: t("calendar.moved"), conflicts: conflictMessages(result.warnings, t), at: Date.now() };
  },
);

/** "Nhân bản": a copy as a draft, opened for editing. Anything refused goes back to the list (or the conference). */
export const duplicateConferenceAction = defineCall(
  {
    ...write,
    // Anything but a form (a hand-made request) is refused like a missing id, never a 500.
    schema: z.object({ conferenceId: conferenceIdField }),
    input: formOrNull,
    refused: () => redirect("/conferences"),
  },
  async ({ conferenceId }, { user, t }) => {
    const result = await duplicateConference(db, user, conferenceId, t("conferences.copySuffix"));
    if (!result.ok) redirect(`/conferences/${conferenceId}`);
    refresh(result.id);
    redirect(`/conferences/${result.id}/edit`);
  },
);

export const cancelConferenceAction = defineAction({ ...write, schema: cancelConferenceSchema }, async (input, { user, t }) => {
  const result = await cancelConference(db, user, input.conferenceId, input.reason);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("conferences.cancelled"), at: Date.now() };
});

/** Un-cancels a conference, to a draft or scheduled, after the confirmation step. */
export const restoreConferenceAction = defineAction({ ...write, schema: restoreConferenceSchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await restoreConference(db, user, input.conferenceId, input.status);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("safety.conference.restored", { status: t(`conferenceStatus.${input.status}`) }), at: Date.now() };
});

export const setStatusAction = defineAction({ ...write, schema: setStatusSchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await setConferenceStatus(db, user, input.conferenceId, input.status);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("conferences.statusChanged", { status: t(`conferenceStatus.${input.status}`) }), at: Date.now() };
});

export const saveSiteAction = defineAction({ ...write, schema: siteFormSchema, arrays: ["staffIds"], keepValues: true }, async (input, { user, t, values }) => {
  const result = await saveSite(db, user, input);
  if (!result.ok) return describeRefusal(result, t, values);
  refresh(input.conferenceId);
  return { ok: true, message: t("sites.saved"), at: Date.now() };
});

export const removeSiteAction = defineAction(
  { ...write, schema: z.object({ conferenceId: conferenceIdField, siteId: conferenceIdField }), invalid: "message" },
  async ({ conferenceId, siteId }, { user, t }) => {
    const result = await removeSite(db, user, conferenceId, siteId);
    if (!result.ok) return describeRefusal(result, t);
    refresh(conferenceId);
    return { ok: true, message: t("sites.removed"), at: Date.now() };
  },
);

export const addBridgePointsAction = defineAction(
  { ...write, schema: z.object({ conferenceId: conferenceIdField }), invalid: "message" },
  async ({ conferenceId }, { user, t }) => {
    const result = await addBridgePointsEverywhere(db, user, conferenceId);
    if (!result.ok) return { ok: false, message: t("validation.notFound"), at: Date.now() };
    refresh(conferenceId);
    const message = t("sites.bridgePointsAdded", { count: result.added.length });
    return {
      ok: true,
      message: result.skipped.length > 0 ? `${message} ${t("sites.bridgePointsSkipped", { units: result.skipped.join(", ") })}` : message,
      at: Date.now(),
    };
  },
);
