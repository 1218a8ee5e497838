import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UndoMergeClient } from "@/components/people/merge-client";
import { PersonFormClient } from "@/components/people/person-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listCategories } from "@/lib/invitations/search-people";
import { findPossibleDuplicates } from "@/lib/people/find-duplicates";
import { findMergeOf, listMergesInto } from "@/lib/people/merge-people";
import { getPerson } from "@/lib/people/people";
import { parseId } from "@/lib/http/request-input";
import { formatDateTime } from "@/lib/time/format";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("edit") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; merged?: string }> };

export default async function PersonPage({ params, searchParams }: Props) {
  const user = await requirePageUser("people:manage");
  const t = await getTranslations();
  const id = parseId((await params).id);
  const person = id ? await getPerson(db, user, id) : null;
  if (!person) {
    // A record merged into another: say where it went, and offer the undo.
    const merged = id ? await findMergeOf(db, user, id) : null;
    if (!merged) notFound();
    return (
      <div className="stack">
        <p>
          <Link href="/people">← {t("people.title")}</Link>
        </p>
        <h1>{merged.person.fullName}</h1>
        <div className="notice info stack-sm" data-testid="merged-notice">
          <p>{t("safety.merge.mergedNotice", { name: merged.kept.fullName })}</p>
          <p>
            <Link href={`/people/${merged.kept.id}`}>{t("safety.merge.openKept", { name: merged.kept.fullName })}</Link>
          </p>
          {merged.mergeId ? <UndoMergeClient mergeId={merged.mergeId} mergedName={merged.person.fullName} /> : null}
        </div>
      </div>
    );
  }
  const { saved, merged } = await searchParams;
  const duplicates = await findPossibleDuplicates(db, user, person);
  const history = await listMergesInto(db, user, person.id);
  const justMerged = merged ? history.find((m) => String(m.id) === merged) : undefined;
  const signals = (list: string[]) => list.map((s) => t(`safety.merge.signals.${s}`)).join(", ");
  const who = (name: string | null) => name ?? t("safety.merge.someone");
  return (
    <div className="stack">
      <p>
        <Link href="/people">← {t("people.title")}</Link>
      </p>
      <h1>{person.fullName}</h1>
      {saved ? (
        <p className="notice success" role="status">
          {t("people.saved")}
        </p>
      ) : null}
      {justMerged ? (
        <div className={`notice ${justMerged.undoneAt ? "info" : "success"} stack-sm`} role="status" data-testid="merge-done">
          <p>
            {justMerged.undoneAt
              ? t("safety.merge.doneUndone", { name: justMerged.mergedName })
              : t("safety.merge.done", {
                  name: justMerged.mergedName,
                  moved: justMerged.movedInvitationIds.length,
                  revoked: justMerged.revokedInvitationIds.length,
                })}
          </p>
          {justMerged.undoneAt ? null : <UndoMergeClient mergeId={justMerged.id} mergedName={justMerged.mergedName} />}
        </div>
      ) : null}
      <section className="card">
        <PersonFormClient
          initial={{
            personId: String(person.id),
            fullName: person.fullName,
            position: person.position,
            workplace: person.workplace,
            unitId: String(person.unitId),
            category: person.category,
            isPartyMember: person.isPartyMember ? "1" : "",
            phone: person.phone ?? "",
            email: person.email ?? "",
            externalCode: person.externalCode ?? "",
          }}
          units={await listUnits(db, user)}
          categories={(await listCategories(db)).map((c) => ({ value: c, label: t.has(`categories.${c}`) ? t(`categories.${c}`) : c }))}
        />
      </section>
      {duplicates.length > 0 ? (
        <section className="card stack-sm" aria-labelledby="dup-title">
          <h2 id="dup-title">{t("people.duplicatesTitle")}</h2>
          <p className="muted">{t("safety.merge.intro")}</p>
          <ul className="item-list" data-testid="duplicates">
            {duplicates.map((c) => (
              <li key={c.id} className="feed-row">
                <div>
                  <p className="item-title">{c.fullName}</p>
                  <p className="muted small">{[c.position, c.workplace, c.unitName, c.phone].filter(Boolean).join(" · ")}</p>
                  <p className="small" data-testid="duplicate-signals">
                    {t("safety.merge.matchedBy", { signals: signals(c.signals) })}
                  </p>
                </div>
                <Link className="button small" href={`/people/${person.id}/merge?into=${c.id}`}>
                  {t("safety.merge.previewLink")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {history.length > 0 ? (
        <section className="card stack-sm" aria-labelledby="merges-title">
          <h2 id="merges-title">{t("safety.merge.historyTitle")}</h2>
          <ul className="merge-history" data-testid="merge-history">
            {history.map((m) => (
              <li key={m.id}>
                <div>
                  <p className="item-title">
                    {m.undoneAt ? <Link href={`/people/${m.mergedPersonId}`}>{m.mergedName}</Link> : m.mergedName}
                    {m.mergedPosition ? <span className="muted"> — {m.mergedPosition}</span> : null}
                  </p>
                  <p className="muted small">
                    {t("safety.merge.historyItem", {
                      at: formatDateTime(m.mergedAt),
                      by: who(m.mergedByName),
                      moved: m.movedInvitationIds.length,
                      revoked: m.revokedInvitationIds.length,
                    })}
                  </p>
                  {m.undoneAt ? <p className="small">{t("safety.merge.historyUndone", { at: formatDateTime(m.undoneAt), by: who(m.undoneByName) })}</p> : null}
                </div>
                {/* The merge just made has its undo in the notice above: one button per merge on the page. */}
                {m.undoneAt || m.id === justMerged?.id ? null : <UndoMergeClient mergeId={m.id} mergedName={m.mergedName} />}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
