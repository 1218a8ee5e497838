"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { refusalMessage, type ActionResult } from "@/lib/http/action-result";
import { defineAction, defineCall } from "@/lib/http/define-action";
import { formToObject } from "@/lib/http/request-input";
import type { Translator } from "@/lib/i18n/translator";
import {
  addByFilterSchema,
  addPeopleSchema,
  invitationActionSchema,
  moveInvitationSchema,
  peopleSearchSchema,
  revokeInvitationSchema,
  substituteSchema,
} from "@/lib/schemas/invitations";
import { getInvitingConference } from "./invitation-scope";
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
} from "./manage-invitations";
import { searchInvitablePeople } from "./search-people";

function answer(t: Translator, result: InvitationResult, conferenceId: number, okKey: string): ActionResult {
  if (!result.ok) return { ok: false, message: refusalMessage(t, result.code), at: Date.now() };
  revalidatePath(`/conferences/${conferenceId}/invitations`);
  revalidatePath(`/conferences/${conferenceId}`);
  return { ok: true, message: t(okKey, { count: result.count }), at: Date.now() };
}

/** Most of these forms carry only ids: a bad one is simply "invalid". */
const manage = { permission: "invitation:manage", invalid: "message" } as const;

export const addByFilterAction = defineAction({ ...manage, schema: addByFilterSchema }, async (input, { user, t }) => {
  const { conferenceId, siteId, ...filters } = input;
  return answer(t, await addInviteesByFilter(db, user, conferenceId, filters, siteId), conferenceId, "invitations.added");
});

export const addPeopleAction = defineAction({ ...manage, schema: addPeopleSchema, arrays: ["personIds"] }, async (input, { user, t }) =>
  answer(t, await addInvitees(db, user, input.conferenceId, input.personIds, input.siteId), input.conferenceId, "invitations.added"),
);

/** Search for the "add one by one" box: people of the conference's units not yet invited. */
export const searchPeopleAction = defineCall({ permission: "invitation:manage", schema: peopleSearchSchema, refused: () => [] }, async (input, { user }) => {
  const ctx = await getInvitingConference(db, user, input.conferenceId);
  if (!ctx) return [];
  return await searchInvitablePeople(db, input.conferenceId, ctx.conference.unitId, input.q);
});

export const issueAction = defineAction({ ...manage, schema: invitationActionSchema.pick({ conferenceId: true }) }, async (input, { user, t }) =>
  answer(t, await issueInvitations(db, user, input.conferenceId), input.conferenceId, "invitations.issued"),
);

export const rowAction = defineAction({ ...manage, schema: invitationActionSchema }, async ({ conferenceId, invitationId }, { user, t, form }) => {
  switch (form.get("op")) {
    case "reissue":
      return answer(t, await reissueInvitation(db, user, conferenceId, invitationId), conferenceId, "invitations.reissued");
    case "remove":
      return answer(t, await removeDraftInvitations(db, user, conferenceId, [invitationId]), conferenceId, "invitations.removed");
    case "site": {
      const site = moveInvitationSchema.safeParse(formToObject(form));
      if (!site.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
      return answer(t, await setInvitationSite(db, user, conferenceId, [invitationId], site.data.siteId), conferenceId, "invitations.siteChanged");
    }
    default:
      return { ok: false, message: t("validation.invalid"), at: Date.now() };
  }
});

export const substituteAction = defineAction({ ...manage, schema: substituteSchema, invalid: "fields" }, async (input, { user, t }) => {
  const { conferenceId, invitationId, name, position } = input;
  return answer(
    t,
    await setSubstitute(db, user, conferenceId, invitationId, name, position),
    conferenceId,
    name ? "invitations.substituteSaved" : "invitations.substituteCleared",
  );
});

/** Revokes an issued letter, with the reason (3–500 characters) asked in the confirmation step. */
export const revokeInvitationAction = defineAction(
  {
    ...manage,
    schema: revokeInvitationSchema,
    invalid: (_error, { t, fieldErrors, values }) => ({
      ok: false,
      fieldErrors,
      message: fieldErrors.reason ? undefined : t("validation.invalid"),
      values,
      at: Date.now(),
    }),
  },
  async (input, { user, t }) => {
    const { conferenceId, invitationId, reason } = input;
    return answer(t, await revokeInvitation(db, user, conferenceId, invitationId, reason), conferenceId, "safety.invitation.revoked");
  },
);

/** "Khôi phục": a revoked letter valid again with its QR, while it was not reissued. */
export const restoreInvitationAction = defineAction({ ...manage, schema: invitationActionSchema }, async ({ conferenceId, invitationId }, { user, t }) =>
  answer(t, await restoreInvitation(db, user, conferenceId, invitationId), conferenceId, "safety.invitation.restored"),
);
