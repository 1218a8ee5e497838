import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UndoMergeClient } from "@/components/people/merge-client";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { actionLabel, describeAuditEntries, entityLabel, type AuditTranslator, type FieldChange } from "@/lib/audit/describe-audit";
import { auditChoices, auditFilterSchema, searchAudit } from "@/lib/audit/search-audit";
import { requirePageUser } from "@/lib/auth/guards";
import { can } from "@/lib/permissions";
import { formatDateTime } from "@/lib/time/format";
import { formatDateInput } from "@/lib/time/parse";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

function Change({ change, t }: { change: FieldChange; t: AuditTranslator }) {
  return (
    <li>
      <span className="change-label">{change.label}:</span>{" "}
      {change.before !== null && change.after !== null ? (
        <>
          <span className="change-before">
            <span className="visually-hidden">{t("auditLog.was")} </span>
            {change.before}
          </span>
          <span className="change-arrow" aria-hidden="true">
            →
          </span>
          <span className="change-after">
            <span className="visually-hidden">{t("auditLog.now")} </span>
            {change.after}
          </span>
        </>
      ) : (
        <span>{change.after ?? change.before}</span>
      )}
    </li>
  );
}

/**
 * Every change, newest first, as an official reads it (docs/decisions/0024): who, what in words, the object by its
 * name with a link, and the changed fields with their labels and values. Admins only; a merge of two
 * people's records can be undone from here.
 */
export default async function AuditPage({ searchParams }: Props) {
  const reader = await requirePageUser("audit:read");
  const t = (await getTranslations()) as unknown as AuditTranslator;
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v),
  );
  const filter = auditFilterSchema.parse(raw);
  const { rows, hasNext, page } = await searchAudit(db, filter, reader);
  const entries = await describeAuditEntries(db, rows, t);
  const choices = await auditChoices(db);
  const canUndoMerges = can(reader.role, "people:manage");
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "vi");
  const query = (p: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page")), page: String(p) } as Record<string, string>)}`;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{t("audit.title")}</h1>
          <p className="muted">{t("auditLog.intro")}</p>
        </div>
        <Link href="/admin/users" className="push-right">
          {t("users.title")}
        </Link>
      </div>
      <form className="filters" method="get" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-q">{t("audit.search")}</label>
          <input id="audit-q" name="q" defaultValue={filter.q ?? ""} placeholder={t("auditLog.searchHint")} />
        </div>
        <div className="field narrow-field">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <input id="audit-user" name="user" defaultValue={filter.user ?? ""} autoComplete="off" />
        </div>
        <SelectField
          id="audit-entity"
          name="entity"
          label={t("audit.entity")}
          allLabel={t("common.all")}
          defaultValue={filter.entity}
          options={choices.entities.map((e) => ({ value: e, label: entityLabel(e, t) })).sort(byLabel)}
        />
        <SelectField
          id="audit-action"
          name="action"
          label={t("audit.action")}
          allLabel={t("auditLog.allActions")}
          defaultValue={filter.action}
          options={choices.actions.map((a) => ({ value: a.value, label: actionLabel(a.entity, a.action, t) })).sort(byLabel)}
        />
        <div className="field narrow-field">
          <label htmlFor="audit-from">{t("reports.from")}</label>
          <input id="audit-from" name="from" placeholder="dd/mm/yyyy" defaultValue={filter.from ? formatDateInput(filter.from) : ""} />
        </div>
        <div className="field narrow-field">
          <label htmlFor="audit-to">{t("reports.to")}</label>
          <input id="audit-to" name="to" placeholder="dd/mm/yyyy" defaultValue={filter.to ? formatDateInput(filter.to) : ""} />
        </div>
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("common.filter")}
          </button>
          <Link href="/admin/audit">{t("common.clearFilters")}</Link>
        </div>
      </form>
      {entries.length === 0 ? <p className="muted">{t("audit.empty")}</p> : null}
      <div className="table-scroll">
        <table className="table stack-on-phone" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.user")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("auditLog.object")}</th>
              <th scope="col">{t("auditLog.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-entry={e.id}>
                <td data-label={t("audit.at")} className="nowrap">
                  {formatDateTime(e.at)}
                </td>
                <td data-label={t("audit.user")}>
                  {e.actor ? (
                    <>
                      {e.actor.fullName} <span className="muted small">({e.actor.username})</span>
                    </>
                  ) : (
                    t("audit.system")
                  )}
                </td>
                <td data-label={t("audit.action")} data-testid="audit-action">
                  {e.actionLabel}
                </td>
                <td data-label={t("auditLog.object")} data-testid="audit-object">
                  {e.object.href ? <Link href={e.object.href}>{e.object.label}</Link> : e.object.label}
                </td>
                <td data-label={t("auditLog.changes")} data-testid="audit-changes">
                  {e.changes.length > 0 ? (
                    <ul className="audit-changes">
                      {e.changes.map((c, i) => (
                        <Change key={i} change={c} t={t} />
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t("auditLog.noDetails")}</span>
                  )}
                  {e.merge ? (
                    e.merge.undone ? (
                      <p className="small">
                        <span className="badge badge-draft">{t("auditLog.undoneBadge")}</span>
                      </p>
                    ) : canUndoMerges ? (
                      <UndoMergeClient mergeId={e.merge.id} mergedName={e.merge.mergedName} />
                    ) : null
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t("audit.pages")}>
        {page > 1 ? <Link href={query(page - 1)}>{t("people.previous")}</Link> : null}
        <span>{t("reports.pageOf", { page, pages: hasNext ? `${page + 1}+` : page })}</span>
        {hasNext ? <Link href={query(page + 1)}>{t("people.next")}</Link> : null}
      </nav>
    </div>
  );
}
