import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LiveCounterClient } from "@/components/checkin/live-counter-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getLiveStats, liveSites } from "@/lib/checkin/live-stats";
import { getConference } from "@/lib/conferences/get-conference";
import { parseId } from "@/lib/http/request-input";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("live"))("title") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ site?: string }> };

/**
 * For the projector at the back of the hall: big figures, refreshed every 1.5 s. Door staff open
 * it too (they run the projector): their part of the conference is the sites they are assigned
 * to (getConference reads it through conferenceReadScope / siteReadScope, in SQL).
 */
export default async function LivePage({ params, searchParams }: Props) {
  const user = await requirePageUser("conference:live");
  const id = parseId((await params).id);
  const conference = id ? await getConference(db, user, id) : null;
  if (!conference) notFound();
  const siteParam = (await searchParams).site;
  const part = liveSites(conference, siteParam === undefined ? undefined : (parseId(siteParam) ?? -1));
  if (!part) notFound();
  const { site } = part;
  return (
    <LiveCounterClient
      conferenceId={conference.id}
      siteId={site?.id}
      title={conference.title}
      place={site?.venue ?? (conference.sites.length === 1 ? conference.sites[0].venue : (conference.sites.find((s) => s.isMain)?.venue ?? ""))}
      initial={await getLiveStats(db, conference.id, part.siteIds)}
    />
  );
}
