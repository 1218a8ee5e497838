"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getTranslator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { conflictMessages, describeRefusal } from "@/lib/conferences/describe-result";
import { addBridgePointsEverywhere, removeSite, saveSite } from "@/lib/conferences/manage-sites";
import {
  cancelConference,
  duplicateConference,
  moveConference,
  restoreConference,
  saveConference,
  setConferenceStatus,
} from "@/lib/conferences/save-conference";
import { fieldErrorsFrom, submittedValues, type ActionResult } from "@/lib/http/action-result";
import {
  cancelConferenceSchema,
  conferenceFormSchema,
  moveConferenceSchema,
  restoreConferenceSchema,
  setStatusSchema,
  siteFormSchema,
} from "@/lib/schemas/conferences";
import { formToObject, parseId } from "@/lib/http/request-input";

async function forbidden(): Promise<ActionResult> {
  return { ok: false, message: (await getTranslations("validation"))("forbidden"), at: Date.now() };
}

function refresh(conferenceId?: number) {
  revalidatePath("/conferences");
  revalidatePath("/calendar");
  revalidatePath("/board");
  revalidatePath("/");
  if (conferenceId) revalidatePath(`/conferences/${conferenceId}`);
}

export async function saveConferenceAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("conference:write");
  if (!user) return { ...(await forbidden()), values };
  const conferenceId = form.get("conferenceId") ? parseId(String(form.get("conferenceId"))) : undefined;
  if (conferenceId === null) return { ...(await forbidden()), values };

  const parsed = conferenceFormSchema.safeParse(formToObject(form, ["coBodyIds"]));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), values, at: Date.now() };
  }
  const result = saveConference(db, user, parsed.data, conferenceId);
  if (!result.ok) return describeRefusal(result, t, values);
  refresh(result.id);
  redirect(`/conferences/${result.id}?saved=1`);
}

/** From the calendar: a drag or a resize. Refused moves are undone by the calendar. */
export async function moveConferenceAction(input: unknown): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const parsed = moveConferenceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = moveConference(db, user, parsed.data);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("calendar.moved"), conflicts: conflictMessages(result.warnings, t), at: Date.now() };
}

export async function duplicateConferenceAction(form: FormData): Promise<void> {
  const t = await getTranslations("conferences");
  const user = await getActionUser("conference:write");
  // Anything but a form (a hand-made request) is refused like a missing id, never a 500.
  const id = typeof (form as Partial<FormData> | null)?.get === "function" ? parseId(String(form.get("conferenceId") ?? "")) : null;
  if (!user || !id) redirect("/conferences");
  const result = duplicateConference(db, user, id, t("copySuffix"));
  if (!result.ok) redirect(`/conferences/${id}`);
  refresh(result.id);
  redirect(`/conferences/${result.id}/edit`);
}

export async function cancelConferenceAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const parsed = cancelConferenceSchema.safeParse(formToObject(form));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), at: Date.now() };
  }
  const result = cancelConference(db, user, parsed.data.conferenceId, parsed.data.reason);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("conferences.cancelled"), at: Date.now() };
}

/** Un-cancels a conference, to a draft or scheduled, after the confirmation step. */
export async function restoreConferenceAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const parsed = restoreConferenceSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = restoreConference(db, user, parsed.data.conferenceId, parsed.data.status);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("safety.conference.restored", { status: t(`conferenceStatus.${parsed.data.status}`) }), at: Date.now() };
}

export async function setStatusAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const parsed = setStatusSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = setConferenceStatus(db, user, parsed.data.conferenceId, parsed.data.status);
  if (!result.ok) return describeRefusal(result, t);
  refresh(result.id);
  return { ok: true, message: t("conferences.statusChanged", { status: t(`conferenceStatus.${parsed.data.status}`) }), at: Date.now() };
}

export async function saveSiteAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const user = await getActionUser("conference:write");
  if (!user) return { ...(await forbidden()), values };
  const parsed = siteFormSchema.safeParse(formToObject(form, ["staffIds"]));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, t), values, at: Date.now() };
  }
  const result = saveSite(db, user, parsed.data);
  if (!result.ok) return describeRefusal(result, t, values);
  refresh(parsed.data.conferenceId);
  return { ok: true, message: t("sites.saved"), at: Date.now() };
}

export async function removeSiteAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const conferenceId = parseId(String(form.get("conferenceId") ?? ""));
  const siteId = parseId(String(form.get("siteId") ?? ""));
  if (!conferenceId || !siteId) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = removeSite(db, user, conferenceId, siteId);
  if (!result.ok) return describeRefusal(result, t);
  refresh(conferenceId);
  return { ok: true, message: t("sites.removed"), at: Date.now() };
}

export async function addBridgePointsAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("conference:write");
  if (!user) return forbidden();
  const conferenceId = parseId(String(form.get("conferenceId") ?? ""));
  if (!conferenceId) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = addBridgePointsEverywhere(db, user, conferenceId);
  if (!result.ok) return { ok: false, message: t("validation.notFound"), at: Date.now() };
  refresh(conferenceId);
  const message = t("sites.bridgePointsAdded", { count: result.added.length });
  return {
    ok: true,
    message: result.skipped.length > 0 ? `${message} ${t("sites.bridgePointsSkipped", { units: result.skipped.join(", ") })}` : message,
    at: Date.now(),
  };
}
