import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listCategories } from "@/lib/invitations/search-people";
import { listPeople, PEOPLE_PAGE_SIZE } from "@/lib/people/people";
import { peopleQuerySchema } from "@/lib/schemas/people";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("title") };
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("people:manage");
  const t = await getTranslations();
  const query = peopleQuerySchema.parse(await searchParams);
  const { total, rows } = await listPeople(db, user, {
    q: query.q,
    unitId: query.unit,
    category: query.category,
    partyMember: query.party === undefined ? undefined : query.party === "1",
    position: query.position,
    page: query.page,
  });
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const units = await listUnits(db, user);
  const categories = await listCategories(db);
  const link = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page })) if (v !== undefined && v !== "") p.set(k, String(v));
    return `/people?${p}`;
  };
  const label = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}`) : c);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("people.title")}</h1>
        <p className="muted" data-testid="people-count">
          {t("people.count", { count: total })}
        </p>
        <div className="row-actions push-right">
          <Link className="button" href="/people/import">
            {t("people.import")}
          </Link>
          <Link className="button primary" href="/people/new">
            {t("people.new")}
          </Link>
        </div>
      </div>
      <form className="filters" method="get" action="/people">
        <div className="field field-wide">
          <label htmlFor="p-q">{t("people.search")}</label>
          <input id="p-q" name="q" defaultValue={query.q ?? ""} placeholder={t("invitations.searchHint")} />
        </div>
        {units.length > 1 ? (
          <SelectField
            id="p-unit"
            name="unit"
            label={t("people.unit")}
            allLabel={t("common.all")}
            defaultValue={query.unit}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        ) : null}
        <SelectField
          id="p-category"
          name="category"
          label={t("people.category")}
          allLabel={t("common.all")}
          defaultValue={query.category}
          options={categories.map((c) => ({ value: c, label: label(c) }))}
        />
        <SelectField
          id="p-party"
          name="party"
          label={t("people.partyMember")}
          allLabel={t("common.all")}
          defaultValue={query.party}
          options={[
            { value: "1", label: t("invitations.partyMembersOnly") },
            { value: "0", label: t("invitations.nonMembersOnly") },
          ]}
        />
        <div className="field">
          <label htmlFor="p-position">{t("people.position")}</label>
          <input id="p-position" name="position" defaultValue={query.position ?? ""} />
        </div>
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("common.filter")}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="muted">{t("people.empty")}</p>
      ) : (
        <table className="table stack-on-phone" data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">{t("people.fullName")}</th>
              <th scope="col">{t("people.position")}</th>
              <th scope="col">{t("people.unit")}</th>
              <th scope="col">{t("people.phone")}</th>
              <th scope="col">{t("people.category")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td data-label={t("people.fullName")}>
                  <Link href={`/people/${p.id}`}>{p.fullName}</Link>
                  {p.isPartyMember ? <span className="muted small"> · {t("people.member")}</span> : null}
                </td>
                <td data-label={t("people.position")}>
                  {p.position}
                  {p.workplace ? <div className="muted small">{p.workplace}</div> : null}
                </td>
                <td data-label={t("people.unit")}>{p.unitName}</td>
                <td data-label={t("people.phone")}>{p.phone ?? ""}</td>
                <td data-label={t("people.category")}>{p.category ? label(p.category) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("invitations.pages")}>
          {query.page > 1 ? <Link href={link(query.page - 1)}>← {t("people.previous")}</Link> : null}
          <span aria-current="page">
            {query.page}/{pages}
          </span>
          {query.page < pages ? <Link href={link(query.page + 1)}>{t("people.next")} →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
