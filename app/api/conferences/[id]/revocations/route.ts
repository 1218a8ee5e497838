import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { getConference } from "@/lib/conferences/get-conference";
import { getVerificationData } from "@/lib/invitations/revocation-list";
import { parseId } from "@/lib/http/request-input";

/**
 * For door devices: the campaign's public key (never the private one) and the
 * conference's revocation list. Door staff see only conferences of their sites.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireApiUser("checkin:scan");
  if (!auth.ok) return auth.response;
  const id = parseId((await params).id);
  const conference = id ? getConference(db, auth.user, id) : null;
  if (!conference) return NextResponse.json({ error: "not_found", message: "Không tìm thấy hội nghị" }, { status: 404 });
  return NextResponse.json(getVerificationData(db, conference.id), { headers: { "cache-control": "private, no-store" } });
}
