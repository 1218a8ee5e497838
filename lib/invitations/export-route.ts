/** The two export routes share this: guard, scope, rows. */
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { serverEnv } from "@/lib/env";
import { parseId } from "@/lib/http/request-input";
import { getInvitingConference } from "./invitation-scope";
import { listInvitations } from "./list-invitations";

export async function loadExport(rawId: string) {
  const auth = await requireApiUser("invitation:manage");
  if (!auth.ok) return { response: auth.response };
  const id = parseId(rawId);
  const inviting = id ? getInvitingConference(db, auth.user, id) : null;
  if (!inviting) return { response: NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 }) };
  const rows = listInvitations(db, auth.user, inviting.conference.id, { bodyId: inviting.allBodies ? undefined : inviting.bodyId });
  const t = await getTranslations();
  return { rows, t: (k: string) => t(k), baseUrl: (serverEnv().NEXTAUTH_URL ?? "").replace(/\/$/, ""), conferenceId: inviting.conference.id };
}
