import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MergeConfirmClient } from "@/components/people/merge-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { refusalMessage } from "@/lib/http/action-result";
import type { Translator } from "@/lib/i18n/translator";
import { COMPARED_FIELDS, planPersonMerge, type ComparedField, type InvitationLine } from "@/lib/people/merge-people";
import { getPerson } from "@/lib/people/people";
import { parseId } from "@/lib/http/request-input";
import { mergePreviewQuerySchema } from "@/lib/schemas/people";
import { formatDate } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("safety.merge"))("title") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const FIELD_LABEL: Record<ComparedField, string> = {
  fullName: "people.fullName",
  position: "people.position",
  workplace: "people.workplace",
  unitName: "people.unit",
  isPartyMember: "people.partyMember",
  category: "people.category",
  phone: "people.phone",
  email: "people.email",
  externalCode: "people.externalCode",
};

/**
 * Before a merge (docs/decisions/0024): the two records side by side with their differences, and what the merge
 * would do to their invitations (move, revoke, stay). Reads only; the one button sends the merge.
 */
export default async function MergePreviewPage({ params, searchParams }: Props) {
  const user = await requirePageUser("people:manage");
  const t = (await getTranslations()) as unknown as Translator;
  const mergedId = parseId((await params).id);
  const { into } = mergePreviewQuerySchema.parse(await searchParams);
  const merged = mergedId ? await getPerson(db, user, mergedId) : null;
  if (!merged || !into) notFound();
  const plan = await planPersonMerge(db, user, merged.id, into);
  if (!plan.ok && plan.code === "notFound") notFound();
  const back = (
    <p>
      <Link href={`/people/${merged.id}`}>← {t("safety.merge.backToPerson", { name: merged.fullName })}</Link>
    </p>
  );
  if (!plan.ok) {
    const values = "conference" in plan ? { conference: plan.conference } : undefined;
    return (
      <div className="stack">
        {back}
        <h1>{t("safety.merge.title")}</h1>
        <p className="notice error" role="alert" data-testid="merge-refused">
          {t("safety.merge.refused")} {refusalMessage(t, plan.code, values)}
        </p>
      </div>
    );
  }
  const { kept } = plan;
  const value = (p: typeof kept, field: ComparedField) => {
    const v = p[field];
    if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
    if (field === "category" && v) return t.has(`categories.${v}`) ? t(`categories.${v}`) : String(v);
    return v ? String(v) : "—";
  };
  const statusOf = (i: InvitationLine) => [t(`invitationStatus.${i.status}`), i.checkedIn ? t("safety.merge.checkedIn") : null].filter(Boolean).join(", ");
  const line = (i: InvitationLine, owner?: string) => (
    <li key={i.id}>
      <strong>{i.conferenceTitle}</strong> <span className="muted">({formatDate(i.startsAt)})</span> — {statusOf(i)}
      {owner ? <span className="muted"> · {owner}</span> : null}
    </li>
  );
  const owner = (i: InvitationLine) => (i.personId === kept.id ? t("safety.merge.ofKept") : t("safety.merge.ofMerged"));
  const list = (items: InvitationLine[], withOwner: boolean, testId: string) =>
    items.length > 0 ? (
      <ul className="merge-invitations" data-testid={testId}>
        {items.map((i) => line(i, withOwner ? owner(i) : undefined))}
      </ul>
    ) : (
      <p className="muted" data-testid={testId}>
        {t("safety.merge.nothing")}
      </p>
    );
  return (
    <div className="stack">
      {back}
      <div className="page-head">
        <h1>{t("safety.merge.title")}</h1>
        <Link href={`/people/${kept.id}/merge?into=${merged.id}`} className="push-right">
          {t("safety.merge.swap", { name: merged.fullName })}
        </Link>
      </div>
      <p>{t("safety.merge.pageIntro", { merged: merged.fullName, kept: kept.fullName })}</p>
      <section className="card stack-sm merge-section" aria-labelledby="compare-title">
        <h2 id="compare-title" className="visually-hidden">
          {t("safety.merge.title")}
        </h2>
        <p className="muted small">{t("safety.merge.differences", { count: plan.differences.length })}</p>
        <div className="table-scroll">
          <table className="table stack-on-phone compare-table" data-testid="merge-compare">
            <thead>
              <tr>
                <th scope="col">{t("safety.merge.field")}</th>
                <th scope="col">{t("safety.merge.mergedColumn")}</th>
                <th scope="col">{t("safety.merge.keptColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {COMPARED_FIELDS.map((field) => {
                const differs = plan.differences.includes(field);
                const cls = differs ? "differs" : undefined;
                return (
                  <tr key={field} data-field={field} data-differs={differs ? "1" : "0"}>
                    <th scope="row" className={cls}>
                      {t(FIELD_LABEL[field])}
                      {differs ? <span className="differs-mark">{t("safety.merge.differs")}</span> : null}
                    </th>
                    <td className={cls} data-label={t("safety.merge.mergedColumn")}>
                      {value(plan.merged, field)}
                    </td>
                    <td className={cls} data-label={t("safety.merge.keptColumn")}>
                      {value(kept, field)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card stack-sm merge-section" aria-labelledby="moving-title">
        <h2 id="moving-title">{t("safety.merge.movingTitle", { count: plan.moving.length })}</h2>
        <p className="muted small">{t("safety.merge.movingHint")}</p>
        {list(plan.moving, false, "merge-moving")}
        <h3>{t("safety.merge.revokingTitle", { count: plan.revoking.length })}</h3>
        <p className="muted small">{t("safety.merge.revokingHint")}</p>
        {list(plan.revoking, true, "merge-revoking")}
        {plan.staying.length > 0 ? (
          <>
            <h3>{t("safety.merge.stayingTitle", { count: plan.staying.length })}</h3>
            <p className="muted small">{t("safety.merge.stayingHint")}</p>
            {list(plan.staying, false, "merge-staying")}
          </>
        ) : null}
      </section>
      <MergeConfirmClient duplicateId={merged.id} keepId={kept.id} label={t("safety.merge.confirm", { merged: merged.fullName, kept: kept.fullName })} />
    </div>
  );
}
