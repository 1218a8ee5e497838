/** The shared start of every door route handler: session, permission, body, site access. */
import { NextResponse } from "next/server";
import type { z } from "zod";
import { db } from "@/db";
import { requireApiUser, type SessionUser } from "@/lib/auth/guards";
import type { Action } from "@/lib/permissions";
import { readJsonBody, tooLargeHeaders } from "@/lib/http/read-body";
import { MAX_CHECKIN_BODY_BYTES } from "@/lib/schemas/checkin";
import { badRequest, bodyTooLarge, DOOR_ERRORS, siteRefusal, type DoorError } from "./door-errors";
import { getScanSite } from "./site-access";

export const doorError = (status: number, code: string, message: string) => NextResponse.json({ error: code, message }, { status });
const respond = (e: DoorError) => NextResponse.json(e.body, { status: e.status });

export async function readDoorRequest<T extends z.ZodType<{ siteId: number }>>(
  request: Request,
  action: Action,
  schema: T,
  { maxBytes = MAX_CHECKIN_BODY_BYTES, purpose = "scan" }: { maxBytes?: number; purpose?: "scan" | "sync" } = {},
): Promise<{ response: NextResponse } | { user: SessionUser; input: z.infer<T> }> {
  const auth = await requireApiUser(action);
  if (!auth.ok) return { response: auth.response };
  const body = await readJsonBody(request, maxBytes);
  if (!body.ok && body.reason === "tooLarge") return { response: NextResponse.json(bodyTooLarge(maxBytes).body, { status: 413, headers: tooLargeHeaders }) };
  if (!body.ok) return { response: respond(DOOR_ERRORS.badJson) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return { response: respond(badRequest(parsed.error)) };
  const access = getScanSite(db, auth.user, parsed.data.siteId, new Date(), purpose);
  if (!access.ok) return { response: respond(siteRefusal(access.reason)) };
  return { user: auth.user, input: parsed.data };
}
