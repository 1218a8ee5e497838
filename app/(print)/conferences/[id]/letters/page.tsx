import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Letter } from "@/components/invitations/letter";
import { PrintButtonClient } from "@/components/invitations/print-button-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getLetters } from "@/lib/invitations/get-letters";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import { qrSvg } from "@/lib/invitations/qr-svg";
import { parseId } from "@/lib/schemas/conferences";
import { letterQuerySchema } from "@/lib/schemas/invitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitations"))("lettersTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

/** "Print all": one letter per page; the browser's print or Save as PDF gives the document. */
export default async function LettersPage({ params, searchParams }: Props) {
  const user = await requirePageUser("invitation:manage");
  const t = await getTranslations("invitations");
  const id = parseId((await params).id);
  const inviting = id ? getInvitingConference(db, user, id) : null;
  if (!inviting) notFound();
  const query = letterQuerySchema.parse(await searchParams);
  const letters = getLetters(db, {
    conferenceId: inviting.conference.id,
    siteId: query.site,
    invitationIds: query.invitation ? [query.invitation] : undefined,
    bodyId: inviting.allBodies ? undefined : inviting.bodyId,
  });
  // A letter without a token (not issued yet, or data from elsewhere) prints without a QR rather than failing.
  const qrs = await Promise.all(letters.map((l) => (l.token ? qrSvg(l.token) : Promise.resolve(""))));

  return (
    <div className={`size-${query.size}`}>
      <style>{`@page { size: ${query.size}; margin: 0; }`}</style>
      <div className="print-toolbar">
        <Link href={`/conferences/${inviting.conference.id}/invitations`}>← {t("title")}</Link>
        <strong data-testid="letter-count">{t("letterCount", { count: letters.length })}</strong>
        <Link href={`?size=${query.size === "A4" ? "A5" : "A4"}${query.site ? `&site=${query.site}` : ""}`}>{query.size === "A4" ? t("switchA5") : t("switchA4")}</Link>
        <PrintButtonClient label={t("print")} />
      </div>
      {letters.length === 0 ? <p className="print-toolbar">{t("noLetters")}</p> : null}
      {letters.map((letter, i) => (
        <Letter key={letter.invitationId} letter={letter} qr={qrs[i]} />
      ))}
    </div>
  );
}
