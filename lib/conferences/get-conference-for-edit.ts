import { and, eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { conferenceCoBodies, sites } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { zonedParts } from "@/lib/time/zone";
import { getWritableConference } from "./save-conference";

const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (d: Date) => {
  const p = zonedParts(d);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
};
const timeOf = (d: Date) => {
  const p = zonedParts(d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

/** The conference form's values for a conference the user may change, or null. */
export async function getConferenceForEdit(db: Db, user: SessionUser, id: number) {
  const c = await getWritableConference(db, user, id);
  if (!c) return null;
  const main = await firstRow(
    db
      .select()
      .from(sites)
      .where(and(eq(sites.conferenceId, id), eq(sites.isMain, true))),
  );
  const coBodyIds = await db.select({ bodyId: conferenceCoBodies.bodyId }).from(conferenceCoBodies).where(eq(conferenceCoBodies.conferenceId, id));
  return {
    id: c.id,
    status: c.status,
    values: {
      campaignId: String(c.campaignId),
      bodyId: String(c.bodyId),
      requirementId: c.requirementId ? String(c.requirementId) : "",
      title: c.title,
      agenda: c.agenda,
      audience: c.audience,
      chair: c.chair,
      contact: c.contact,
      signForm: c.signForm ?? "default",
      signFor: c.signFor ?? "",
      signerTitle: c.signerTitle ?? "",
      signerName: c.signerName ?? "",
      startDate: dateOf(c.startsAt),
      startTime: timeOf(c.startsAt),
      endDate: dateOf(c.endsAt),
      endTime: timeOf(c.endsAt),
      graceMinutes: String(c.graceMinutes),
      status: c.status === "cancelled" ? "draft" : c.status,
      venue: main?.venue ?? "",
      address: main?.address ?? "",
      capacity: main?.capacity ? String(main.capacity) : "",
    } as Record<string, string>,
    coBodyIds: coBodyIds.map((r) => r.bodyId),
  };
}
