import { mapInOrder } from "@/lib/async/in-order";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BodyFormClient } from "@/components/bodies/body-form-client";
import { BodyRowActionsClient } from "@/components/bodies/body-row-actions-client";
import { BulkTemplateClient } from "@/components/bodies/bulk-template-client";
import { TemplateApplyClient } from "@/components/bodies/template-apply-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { mayManageGlobal } from "@/lib/bodies/body-access";
import { listBodyKinds } from "@/lib/bodies/body-kinds";
import { previewBodiesFromTemplate } from "@/lib/bodies/create-bodies-from-template";
import { listBodies, listBodyUnits } from "@/lib/bodies/list-bodies";
import { foldForSearch } from "@/lib/text/fold";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminBodies"))("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function BodiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageUser("body:manage");
  const t = await getTranslations("adminBodies");
  const params = await searchParams;
  const q = first(params.q).trim();
  const unitFilter = Number(first(params.unit)) || undefined;
  const showRetired = first(params.retired) === "1";

  const units = await listBodyUnits(db, admin);
  const kinds = await listBodyKinds(db);
  const kindOptions = kinds.map((k) => ({ value: k.key, label: k.label }));
  const folded = q ? foldForSearch(q) : "";
  const rows = (await listBodies(db, admin, { unitId: unitFilter })).filter((b) => showRetired || !b.retiredAt);
  const groups = units
    .filter((u) => !unitFilter || u.id === unitFilter)
    .map((unit) => {
      const unitMatches = !folded || foldForSearch(`${unit.name} ${unit.code}`).includes(folded);
      const bodies = rows.filter((b) => b.unitId === unit.id && (unitMatches || foldForSearch(`${b.name} ${b.symbol}`).includes(folded)));
      return { unit, bodies, shown: unitMatches || bodies.length > 0 };
    })
    .filter((g) => g.shown);
  const bodyCount = groups.reduce((n, g) => n + g.bodies.length, 0);
  // What each active unit's template would still create; kinds where several units lack bodies get a one-click for all.
  const plans = new Map(
    await mapInOrder(
      units.filter((u) => !u.retired),
      async (u) => [u.id, (await previewBodiesFromTemplate(db, admin, u.id)) ?? []],
    ),
  );
  const missingByKind = new Map<string, { label: string; units: number; bodies: number }>();
  for (const u of units) {
    const missing = (plans.get(u.id) ?? []).filter((p) => !p.exists).length;
    if (missing === 0) continue;
    const entry = missingByKind.get(u.kind) ?? { label: u.kindLabel, units: 0, bodies: 0 };
    missingByKind.set(u.kind, { ...entry, units: entry.units + 1, bodies: entry.bodies + missing });
  }
  const bulk = [...missingByKind].filter(([, m]) => m.units > 1);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <p className="muted" data-testid="body-count">
          {t("count", { count: bodyCount })}
        </p>
        {mayManageGlobal(admin) ? (
          <div className="row-actions push-right">
            <Link className="button" href="/admin/bodies/kinds">
              {t("kindsLink")}
            </Link>
            <Link className="button" href="/admin/bodies/templates">
              {t("templatesLink")}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="muted">{t("intro")}</p>
      <form className="filters" method="get" action="/admin/bodies">
        <div className="field">
          <label htmlFor="b-q">{t("search")}</label>
          <input id="b-q" name="q" defaultValue={q} placeholder={t("searchHint")} />
        </div>
        {units.length > 1 ? (
          <div className="field">
            <label htmlFor="b-unit">{t("unit")}</label>
            <select id="b-unit" name="unit" defaultValue={unitFilter ?? ""}>
              <option value="">{t("all")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label className="checkbox" htmlFor="b-retired">
            <input id="b-retired" name="retired" type="checkbox" value="1" defaultChecked={showRetired} />
            {t("showRetired")}
          </label>
        </div>
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("filter")}
          </button>
        </div>
      </form>
      {unitFilter ? null : <BulkTemplateClient kinds={bulk.map(([unitKind, m]) => ({ unitKind, ...m }))} />}
      {units.length === 0 ? (
        <p className="notice" data-testid="bodies-no-units">
          {t("noUnits")} <Link href="/admin/units">{t("unitsLink")}</Link>
        </p>
      ) : groups.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : null}
      {groups.map(({ unit, bodies }) => {
        const planned = plans.get(unit.id) ?? [];
        return (
          <section key={unit.id} className="card stack-sm" aria-labelledby={`unit-${unit.id}`} data-unit-code={unit.code}>
            <h2 id={`unit-${unit.id}`}>
              {unit.name} <span className="muted small">· {unit.kindLabel}</span>
              {unit.retired ? <span className="badge badge-cancelled">{t("unitRetired")}</span> : null}
            </h2>
            {bodies.length === 0 ? (
              <p className="muted">{t("unitEmpty")}</p>
            ) : (
              <table className="table stack-on-phone" data-testid="body-table">
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("kind")}</th>
                    <th scope="col">{t("symbol")}</th>
                    <th scope="col">{t("parentLineShort")}</th>
                    <th scope="col">{t("usage")}</th>
                    <th scope="col">{t("actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {bodies.map((b) => (
                    <tr key={b.id} data-body-id={b.id}>
                      <td data-label={t("name")}>
                        {b.name}
                        {b.retiredAt ? (
                          <>
                            {" "}
                            <span className="badge badge-cancelled">{t("retired")}</span>
                          </>
                        ) : null}
                      </td>
                      <td data-label={t("kind")}>
                        <span className="swatch" style={{ background: b.kindColour }} aria-hidden="true" /> {b.kindLabel}
                      </td>
                      <td data-label={t("symbol")}>
                        <code>{b.symbol}</code>
                      </td>
                      <td data-label={t("parentLineShort")}>{b.parentLine || <span className="muted">—</span>}</td>
                      <td data-label={t("usage")} className="small">
                        {t("usageValue", { conferences: b.conferenceCount, users: b.userCount })}
                      </td>
                      <td>
                        <div className="row-actions">
                          <details className="edit-box">
                            <summary>
                              {t("edit")} <span className="visually-hidden">{b.name}</span>
                            </summary>
                            <BodyFormClient body={b} kinds={kindOptions} />
                          </details>
                          <BodyRowActionsClient key={String(Boolean(b.retiredAt))} bodyId={b.id} bodyName={b.name} retired={Boolean(b.retiredAt)} />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {unit.retired ? null : (
              <>
                <TemplateApplyClient
                  unitId={unit.id}
                  unitKindLabel={unit.kindLabel}
                  planned={planned}
                  open={bodies.length === 0}
                  templatesHref={mayManageGlobal(admin) ? `/admin/bodies/templates?kind=${unit.kind}` : undefined}
                />
                <details className="edit-box">
                  <summary>{t("add")}</summary>
                  <BodyFormClient units={[{ value: String(unit.id), label: unit.name }]} kinds={kindOptions} />
                </details>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
