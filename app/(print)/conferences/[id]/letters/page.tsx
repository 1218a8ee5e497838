import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LetterBatchesClient } from "@/components/invitations/letter-batches-client";
import { Letter } from "@/components/invitations/letter";
import { PrintButtonClient } from "@/components/invitations/print-button-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { countLettersBySite, getLetters, LETTER_BATCH_SIZE } from "@/lib/invitations/get-letters";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import { qrSvg } from "@/lib/invitations/qr-svg";
import { parseId } from "@/lib/http/request-input";
import { letterQuerySchema } from "@/lib/schemas/invitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitations"))("lettersTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

/**
 * The letters of a conference, one per page, a batch of LETTER_BATCH_SIZE at a time, for all sites or
 * one: the browser's print or Save as PDF gives the document. A bar shows the batches and which of
 * them were printed on this computer.
 */
export default async function LettersPage({ params, searchParams }: Props) {
  const user = await requirePageUser("invitation:manage");
  const t = await getTranslations("invitations");
  const td = await getTranslations("documents");
  const id = parseId((await params).id);
  const inviting = id ? await getInvitingConference(db, user, id) : null;
  if (!inviting) notFound();
  const query = letterQuerySchema.parse(await searchParams);
  const scope = { conferenceId: inviting.conference.id, bodyId: inviting.allBodies ? undefined : inviting.bodyId };
  const bySite = await countLettersBySite(db, scope);
  const total = query.site ? (bySite.find((s) => s.siteId === query.site)?.count ?? 0) : bySite.reduce((sum, s) => sum + s.count, 0);
  const batches = query.invitation ? 1 : Math.max(1, Math.ceil(total / LETTER_BATCH_SIZE));
  const batch = Math.min(query.batch, batches);
  const letters = await getLetters(
    db,
    { ...scope, siteId: query.site, invitationIds: query.invitation ? [query.invitation] : undefined },
    query.invitation ? undefined : { offset: (batch - 1) * LETTER_BATCH_SIZE, limit: LETTER_BATCH_SIZE },
  );
  // A letter without a token (not issued yet, or data from elsewhere) prints without a QR rather than failing.
  const qrs = await Promise.all(letters.map((l) => (l.token ? qrSvg(l.token) : Promise.resolve(""))));
  const missing = letters[0]?.signature.missing ?? [];

  const href = (change: Partial<{ size: string; site: number | undefined; batch: number; copy: boolean }>) => {
    const next = { size: query.size, site: query.site, batch, copy: query.copy === "1", ...change };
    const params = new URLSearchParams({ size: next.size });
    if (next.site) params.set("site", String(next.site));
    if (next.batch > 1) params.set("batch", String(next.batch));
    if (next.copy) params.set("copy", "1");
    return `?${params}`;
  };
  const first = (batch - 1) * LETTER_BATCH_SIZE + 1;

  return (
    <div className={`size-${query.size}`}>
      <style>{`@page { size: ${query.size}; margin: 0; }`}</style>
      <div className="print-toolbar">
        <Link href={`/conferences/${inviting.conference.id}/invitations`}>← {t("title")}</Link>
        <strong data-testid="letter-count">{t("letterCount", { count: total })}</strong>
        <Link href={href({ size: query.size === "A4" ? "A5" : "A4", batch: 1 })}>{query.size === "A4" ? t("switchA5") : t("switchA4")}</Link>
        <Link href={href({ copy: query.copy !== "1" })} data-testid="copy-toggle">
          {query.copy === "1" ? td("switchToOriginal") : td("switchToCopy")}
        </Link>
        <PrintButtonClient label={t("print")} />
      </div>
      {missing.length > 0 ? (
        <p className="letters-warning" role="status" data-testid="signer-missing">
          {td("signerMissing", { fields: missing.map((m) => td(`missing.${m}`)).join(", ") })}{" "}
          <Link href={`/conferences/${inviting.conference.id}/edit`}>{td("fillSigner")}</Link>
        </p>
      ) : null}
      {query.invitation ? null : (
        <nav className="batch-bar" aria-label={td("batchesLabel")}>
          <p>
            {query.copy === "1" ? td("modeCopy") : td("modeOriginal")} ·{" "}
            {letters.length > 0 ? td("batchRange", { batch, batches, from: first, to: first + letters.length - 1, total }) : null}
          </p>
          {bySite.length > 1 ? (
            <ul className="batch-list" aria-label={td("bySite")}>
              <li>
                <Link href={href({ site: undefined, batch: 1 })} aria-current={query.site ? undefined : "page"}>
                  {td("allSites")} ({bySite.reduce((sum, s) => sum + s.count, 0)})
                </Link>
              </li>
              {bySite.map((s) => (
                <li key={s.siteId}>
                  <Link href={href({ site: s.siteId, batch: 1 })} aria-current={query.site === s.siteId ? "page" : undefined}>
                    {s.venue} ({s.count})
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {batches > 1 ? (
            <LetterBatchesClient
              storageKey={`letters:${inviting.conference.id}:${query.site ?? "all"}:${query.size}:${query.copy ?? "original"}`}
              current={batch}
              batches={Array.from({ length: batches }, (_, i) => ({
                number: i + 1,
                href: href({ batch: i + 1 }),
                label: `${i * LETTER_BATCH_SIZE + 1}–${Math.min((i + 1) * LETTER_BATCH_SIZE, total)}`,
              }))}
            />
          ) : null}
        </nav>
      )}
      {letters.length === 0 ? <p className="print-toolbar">{t("noLetters")}</p> : null}
      {letters.map((letter, i) => (
        <Letter key={letter.invitationId} letter={letter} qr={qrs[i]} copy={query.copy === "1"} />
      ))}
    </div>
  );
}
