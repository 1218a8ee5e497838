import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { checkInvitationToken } from "@/lib/invitations/check-token";
import { getLetters } from "@/lib/invitations/get-letters";
import { qrSvg } from "@/lib/invitations/qr-svg";
import { formatRange } from "@/lib/time/format";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * The personal invitation page, reached only through the unguessable token:
 * the conference, time, venue, the person's name and position, and the QR.
 * Nothing else about the person.
 */
export default async function PersonalInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("personal");
  const d = await getTranslations("polish.documents");
  const { token } = await params;
  const check = await checkInvitationToken(db, token);
  const letter = check.verdict === "valid" ? (await getLetters(db, { token }))[0] : undefined;

  if (!letter) {
    return (
      <main className="centered-page">
        <div className="card narrow" data-testid="invitation-state">
          <h1>{check.verdict === "revoked" ? t("revokedTitle") : t("unknownTitle")}</h1>
          <p>{check.verdict === "revoked" ? t("revokedText") : t("unknownText")}</p>
        </div>
      </main>
    );
  }
  const qr = await qrSvg(token);
  return (
    <main className="personal-page">
      <div className="card personal-card" data-testid="invitation-state">
        <p className="muted">{letter.bodyName}</p>
        <h1>{t("title")}</h1>
        <p className="personal-name">
          {t("dear")} <strong>{letter.fullName}</strong>
          {letter.position ? <span className="muted"> — {letter.position}</span> : null}
        </p>
        <h2 className="personal-conference">{letter.title}</h2>
        <dl className="details">
          <dt>{t("time")}</dt>
          <dd>{formatRange(letter.startsAt, letter.endsAt)}</dd>
          <dt>{t("venue")}</dt>
          <dd>
            {letter.venue}
            {letter.address ? `, ${letter.address}` : ""}
          </dd>
          {letter.letterNumber ? (
            <>
              <dt>{t("letter")}</dt>
              <dd>{d("letterNumber", { number: letter.letterNumber })}</dd>
            </>
          ) : null}
        </dl>
        {letter.conferenceStatus === "cancelled" ? <p className="notice error">{t("cancelled")}</p> : null}
        <div className="personal-qr" dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="personal-hint">{t("showAtDoor")}</p>
        <a className="button wide" href={`/api/invitations/${token}.ics`} download>
          {t("addToCalendar")}
        </a>
      </div>
    </main>
  );
}
