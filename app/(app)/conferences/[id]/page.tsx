import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConferenceDetails } from "@/components/conferences/conference-details";
import { db } from "@/db";
import { getCurrentUser, requirePageUser } from "@/lib/auth/guards";
import { getConference } from "@/lib/conferences/get-conference";
import { parseConferenceId } from "@/lib/schemas/conferences";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const id = parseConferenceId((await params).id);
  const conference = user && id ? getConference(db, user, id) : null;
  return { title: conference?.title ?? (await getTranslations("conferences"))("title") };
}

export default async function ConferencePage({ params }: Props) {
  const user = await requirePageUser("conference:read");
  const id = parseConferenceId((await params).id);
  const conference = id ? getConference(db, user, id) : null;
  if (!conference) notFound();
  return <ConferenceDetails conference={conference} />;
}
