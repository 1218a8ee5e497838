"use server";

import { revalidatePath } from "next/cache";
import { getTranslator } from "@/lib/i18n/translator";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { fieldErrorsFrom, refusalMessage, submittedValues, type ActionResult } from "@/lib/http/action-result";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import {
  addInvitees,
  addInviteesByFilter,
  issueInvitations,
  reissueInvitation,
  removeDraftInvitations,
  restoreInvitation,
  revokeInvitation,
  setInvitationSite,
  setSubstitute,
  type InvitationResult,
} from "@/lib/invitations/manage-invitations";
import { searchInvitablePeople } from "@/lib/invitations/search-people";
import { formToObject } from "@/lib/http/request-input";
import {
  addByFilterSchema,
  addPeopleSchema,
  invitationActionSchema,
  moveInvitationSchema,
  peopleSearchSchema,
  revokeInvitationSchema,
  substituteSchema,
} from "@/lib/schemas/invitations";

async function answer(result: InvitationResult, conferenceId: number, okKey: string): Promise<ActionResult> {
  const tr = await getTranslator();
  if (!result.ok) return { ok: false, message: refusalMessage(tr, result.code), at: Date.now() };
  revalidatePath(`/conferences/${conferenceId}/invitations`);
  revalidatePath(`/conferences/${conferenceId}`);
  return { ok: true, message: tr(okKey, { count: result.count }), at: Date.now() };
}

async function refused(): Promise<ActionResult> {
  return { ok: false, message: (await getTranslator())("validation.forbidden"), at: Date.now() };
}

export async function addByFilterAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = addByFilterSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  const { conferenceId, siteId, ...filters } = parsed.data;
  return answer(addInviteesByFilter(db, user, conferenceId, filters, siteId), conferenceId, "invitations.added");
}

export async function addPeopleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = addPeopleSchema.safeParse(formToObject(form, ["personIds"]));
  if (!parsed.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  return answer(addInvitees(db, user, parsed.data.conferenceId, parsed.data.personIds, parsed.data.siteId), parsed.data.conferenceId, "invitations.added");
}

/** Search for the "add one by one" box: people of the conference's units not yet invited. */
export async function searchPeopleAction(input: { conferenceId: number; q: string }) {
  const user = await getActionUser("invitation:manage");
  const parsed = peopleSearchSchema.safeParse(input);
  if (!user || !parsed.success) return [];
  const ctx = getInvitingConference(db, user, parsed.data.conferenceId);
  if (!ctx) return [];
  return searchInvitablePeople(db, parsed.data.conferenceId, ctx.conference.unitId, parsed.data.q);
}

export async function issueAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = invitationActionSchema.pick({ conferenceId: true }).safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  return answer(issueInvitations(db, user, parsed.data.conferenceId), parsed.data.conferenceId, "invitations.issued");
}

export async function rowAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = invitationActionSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  const { conferenceId, invitationId } = parsed.data;
  switch (form.get("op")) {
    case "reissue":
      return answer(reissueInvitation(db, user, conferenceId, invitationId), conferenceId, "invitations.reissued");
    case "remove":
      return answer(removeDraftInvitations(db, user, conferenceId, [invitationId]), conferenceId, "invitations.removed");
    case "site": {
      const site = moveInvitationSchema.safeParse(formToObject(form));
      if (!site.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
      return answer(setInvitationSite(db, user, conferenceId, [invitationId], site.data.siteId), conferenceId, "invitations.siteChanged");
    }
    default:
      return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  }
}

export async function substituteAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const tr = await getTranslator();
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = substituteSchema.safeParse(formToObject(form));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, tr), at: Date.now() };
  }
  const { conferenceId, invitationId, name, position } = parsed.data;
  return answer(
    setSubstitute(db, user, conferenceId, invitationId, name, position),
    conferenceId,
    name ? "invitations.substituteSaved" : "invitations.substituteCleared",
  );
}

/** Revokes an issued letter, with the reason (3–500 characters) asked in the confirmation step. */
export async function revokeInvitationAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const tr = await getTranslator();
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = revokeInvitationSchema.safeParse(formToObject(form));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error, tr);
    return { ok: false, fieldErrors, message: fieldErrors.reason ? undefined : tr("validation.invalid"), values: submittedValues(form), at: Date.now() };
  }
  const { conferenceId, invitationId, reason } = parsed.data;
  return answer(revokeInvitation(db, user, conferenceId, invitationId, reason), conferenceId, "safety.invitation.revoked");
}

/** "Khôi phục": a revoked letter valid again with its QR, while it was not reissued. */
export async function restoreInvitationAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await getActionUser("invitation:manage");
  if (!user) return refused();
  const parsed = invitationActionSchema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, message: (await getTranslator())("validation.invalid"), at: Date.now() };
  const { conferenceId, invitationId } = parsed.data;
  return answer(restoreInvitation(db, user, conferenceId, invitationId), conferenceId, "safety.invitation.restored");
}
