import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConferenceDetails } from "@/components/conferences/conference-details";
import { db } from "@/db";
import { getCurrentUser, requirePageUser } from "@/lib/auth/guards";
import { ConferenceActionsClient } from "@/components/conferences/conference-actions-client";
import { getConference } from "@/lib/conferences/get-conference";
import { STATUS_TRANSITIONS } from "@/lib/conferences/save-conference";
import { can } from "@/lib/permissions";
import { canReadConferenceReport } from "@/lib/reports/report-scope";
import { listHrefFrom, parseConferenceId } from "@/lib/schemas/conferences";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const id = parseConferenceId((await params).id);
  const conference = user && id ? getConference(db, user, id) : null;
  return { title: conference?.title ?? (await getTranslations("conferences"))("title") };
}

export default async function ConferencePage({ params, searchParams }: Props & { searchParams: Promise<{ saved?: string; list?: string }> }) {
  const user = await requirePageUser("conference:read");
  const id = parseConferenceId((await params).id);
  const conference = id ? getConference(db, user, id) : null;
  if (!conference) notFound();
  const t = await getTranslations();
  const query = await searchParams;
  const canEdit = conference.canEdit && can(user.role, "conference:write");
  const actions = canEdit ? (
    <ConferenceActionsClient
      conferenceId={conference.id}
      canEdit={conference.status !== "cancelled"}
      cancellable={conference.status !== "cancelled" && conference.status !== "held"}
      transitions={STATUS_TRANSITIONS[conference.status].map((s) => ({ status: s, label: t(`conferences.toStatus.${s}`) }))}
    />
  ) : (
    <p>
      <a href={`/api/conferences/${conference.id}.ics`} download>
        {t("conferences.downloadIcs")}
      </a>
    </p>
  );
  return (
    <ConferenceDetails
      conference={conference}
      actions={actions}
      saved={query.saved === "1"}
      listHref={listHrefFrom(query.list)}
      canScan={canEdit && can(user.role, "checkin:scan")}
      canReport={canReadConferenceReport(db, user, conference.id)}
    />
  );
}
