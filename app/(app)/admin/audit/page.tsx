import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { auditChoices, auditFilterSchema, searchAudit } from "@/lib/audit/search-audit";
import { requirePageUser } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/time/format";
import { formatDateInput } from "@/lib/time/parse";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 1));

/** Every change, newest first: who, what, when, and the values before and after. Admins only. */
export default async function AuditPage({ searchParams }: Props) {
  const reader = await requirePageUser("audit:read");
  const t = await getTranslations();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  const filter = auditFilterSchema.parse(raw);
  const { rows, hasNext, page } = searchAudit(db, filter, reader);
  const choices = auditChoices(db);
  const query = (p: number) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page")), page: String(p) } as Record<string, string>)}`;
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("audit.title")}</h1>
        <Link href="/admin/users">{t("users.title")}</Link>
      </div>
      <form className="filters" method="get" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-q">{t("audit.search")}</label>
          <input id="audit-q" name="q" defaultValue={filter.q ?? ""} placeholder={t("audit.searchHint")} />
        </div>
        <div className="field narrow-field">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <input id="audit-user" name="user" defaultValue={filter.user ?? ""} autoComplete="off" />
        </div>
        <SelectField id="audit-entity" name="entity" label={t("audit.entity")} allLabel={t("common.all")} defaultValue={filter.entity} options={choices.entities.map((e) => ({ value: e, label: e }))} />
        <SelectField id="audit-action" name="action" label={t("audit.action")} allLabel={t("common.all")} defaultValue={filter.action} options={choices.actions.map((a) => ({ value: a, label: a }))} />
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
      {rows.length === 0 ? <p className="muted">{t("audit.empty")}</p> : null}
      <div className="table-scroll">
        <table className="table stack-on-phone" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.user")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.before")}</th>
              <th scope="col">{t("audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td data-label={t("audit.at")} className="nowrap">
                  {formatDateTime(r.at)}
                </td>
                <td data-label={t("audit.user")}>{r.username ? `${r.fullName} (${r.username})` : t("audit.system")}</td>
                <td data-label={t("audit.action")}>{r.action}</td>
                <td data-label={t("audit.entity")}>
                  {r.entity} {r.entityId ? `#${r.entityId}` : ""}
                </td>
                <td data-label={t("audit.before")}>
                  <pre className="audit-json">{show(r.before)}</pre>
                </td>
                <td data-label={t("audit.after")}>
                  <pre className="audit-json">{show(r.after)}</pre>
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
