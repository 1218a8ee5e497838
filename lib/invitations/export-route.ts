/** The two invitation exports share this: scope and rows (session and permission come from defineRoute). */
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/guards";
import { serverEnv } from "@/lib/env";
import { notFound } from "@/lib/http/request-error";
import type { Translator } from "@/lib/i18n/translator";
import { getInvitingConference } from "./invitation-scope";
import { listInvitations } from "./list-invitations";

export async function loadExport(user: SessionUser, id: number, t: Translator) {
  const inviting = await getInvitingConference(db, user, id);
  if (!inviting) throw notFound("requestErrors.conferenceNotFound");
  const rows = await listInvitations(db, user, inviting.conference.id, { bodyId: inviting.allBodies ? undefined : inviting.bodyId });
  return { rows, t: (k: string) => t(k), baseUrl: (serverEnv().NEXTAUTH_URL ?? "").replace(/\/$/, ""), conferenceId: inviting.conference.id };
}
