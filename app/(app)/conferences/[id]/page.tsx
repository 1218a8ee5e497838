import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConferenceDetails } from "@/components/conferences/conference-details";
import { db } from "@/db";
import { getCurrentUser, requirePageUser } from "@/lib/auth/guards";
import { ConferenceActionsClient } from "@/components/conferences/conference-actions-client";
import { ReopenPracticeClient } from "@/components/checkin/reopen-practice-client";
import { doorHoursText } from "@/lib/checkin/door-hours-text";
import { practiceConferenceId } from "@/lib/checkin/practice-conference";
import { checkInWindow } from "@/lib/checkin/window";
import { getConference } from "@/lib/conferences/get-conference";
import { RESTORE_STATUSES, STATUS_TRANSITIONS } from "@/lib/conferences/save-conference";
import { can } from "@/lib/permissions";
import { canReadConferenceReport } from "@/lib/reports/report-scope";
import { parseId } from "@/lib/http/request-input";
import { listHrefFrom } from "@/lib/schemas/conferences";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const id = parseId((await params).id);
  const conference = user && id ? await getConference(db, user, id) : null;
  return { title: conference?.title ?? (await getTranslations("conferences"))("title") };
}

export default async function ConferencePage({ params, searchParams }: Props & { searchParams: Promise<{ saved?: string; list?: string }> }) {
  const user = await requirePageUser("conference:read");
  const id = parseId((await params).id);
  const conference = id ? await getConference(db, user, id) : null;
  if (!conference) notFound();
  const t = await getTranslations();
  const query = await searchParams;
  const canEdit = conference.canEdit && can(user.role, "conference:write");
  const actions = canEdit ? (
    <ConferenceActionsClient
      conferenceId={conference.id}
      canEdit={conference.status !== "cancelled"}
      cancellable={conference.status !== "cancelled" && conference.status !== "held"}
      // A cancelled conference comes back through its own confirmation step (with the reason it was cancelled for).
      transitions={
        conference.status === "cancelled" ? [] : STATUS_TRANSITIONS[conference.status].map((s) => ({ status: s, label: t(`conferences.toStatus.${s}`) }))
      }
      restorable={
        conference.status === "cancelled"
          ? { reason: conference.cancelReason ?? "", statuses: RESTORE_STATUSES.map((s) => ({ status: s, label: t(`conferenceStatus.${s}`) })) }
          : null
      }
    />
  ) : (
    <p>
      <a href={`/api/conferences/${conference.id}.ics`} download>
        {t("conferences.downloadIcs")}
      </a>
    </p>
  );
  // The demo's practice conference: its admin may open it again from now (docs/decisions/0025).
  const practice = can(user.role, "practice:reopen") && conference.canEdit && (await practiceConferenceId(db)) === conference.id;
  const tDoor = await getTranslations("door");
  const door = checkInWindow(conference);
  return (
    <ConferenceDetails
      conference={conference}
      actions={
        <>
          {actions}
          {practice ? <ReopenPracticeClient conferenceId={conference.id} doorNow={doorHoursText(tDoor, door.opensAt, door.closesAt)} /> : null}
        </>
      }
      saved={query.saved === "1"}
      listHref={listHrefFrom(query.list)}
      canScan={canEdit && can(user.role, "checkin:scan")}
      canReport={await canReadConferenceReport(db, user, conference.id)}
    />
  );
}
