import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BodyTemplateFormClient, DeleteTemplateClient } from "@/components/bodies/body-template-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { mayManageGlobal } from "@/lib/bodies/body-access";
import { listBodyKinds } from "@/lib/bodies/body-kinds";
import { listBodyTemplates, listUnitKindOptions } from "@/lib/bodies/body-templates";
import { expandTemplate } from "@/lib/bodies/create-bodies-from-template";
import { ensureDefaultBodyTemplates } from "@/lib/bodies/default-body-templates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminBodies.templates"))("title") };
}

export default async function BodyTemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageUser("body:manage");
  // Global data: the root unit's admin only; anyone else learns nothing.
  if (!mayManageGlobal(admin)) notFound();
  const t = await getTranslations("adminBodies");
  // The starting points, once per database (a deleted template stays deleted).
  await ensureDefaultBodyTemplates(db);
  const kindParam = (await searchParams).kind;
  const unitKinds = await listUnitKindOptions(db);
  const selected = unitKinds.find((k) => k.key === (Array.isArray(kindParam) ? kindParam[0] : kindParam))?.key;
  const templates = await listBodyTemplates(db, selected);
  const unitKindOptions = unitKinds.map((k) => ({ value: k.key, label: k.label }));
  const bodyKindOptions = (await listBodyKinds(db)).map((k) => ({ value: k.key, label: k.label }));
  const sample = (kindLabel: string) => ({
    unitName: `${kindLabel} ${t("templates.samplePlace")}`,
    placeName: t("templates.samplePlace"),
    parentPlaceName: t("templates.sampleParent"),
  });

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("templates.title")}</h1>
        <Link href="/admin/bodies">{t("templates.back")}</Link>
      </div>
      <div className="notice">
        <p>{t("templates.intro")}</p>
        <p className="small">{t("templates.placeholders")}</p>
      </div>
      <form className="filters" method="get" action="/admin/bodies/templates">
        <div className="field">
          <label htmlFor="tpl-kind">{t("templates.unitKind")}</label>
          <select id="tpl-kind" name="kind" defaultValue={selected ?? ""}>
            <option value="">{t("templates.allKinds")}</option>
            {unitKinds.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("filter")}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="add-template-title">
        <h2 id="add-template-title">{t("templates.add")}</h2>
        <BodyTemplateFormClient unitKind={selected} unitKinds={unitKindOptions} bodyKinds={bodyKindOptions} />
      </section>
      {unitKinds
        .filter((k) => !selected || k.key === selected)
        .map((kind) => {
          const rows = templates.filter((tpl) => tpl.unitKind === kind.key);
          if (!selected && rows.length === 0) return null;
          return (
            <section key={kind.key} className="card stack-sm" aria-labelledby={`kind-${kind.key}`} data-unit-kind={kind.key}>
              <h2 id={`kind-${kind.key}`}>
                {kind.label} <span className="muted small">· {t("templates.count", { count: rows.length })}</span>
              </h2>
              {rows.length === 0 ? (
                <p className="muted">{t("templates.none")}</p>
              ) : (
                <table className="table stack-on-phone">
                  <thead>
                    <tr>
                      <th scope="col">{t("templates.namePattern")}</th>
                      <th scope="col">{t("templates.bodyKind")}</th>
                      <th scope="col">{t("templates.symbol")}</th>
                      <th scope="col">{t("templates.parentLinePattern")}</th>
                      <th scope="col">{t("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((tpl) => (
                      <tr key={tpl.id} data-template-id={tpl.id}>
                        <td data-label={t("templates.namePattern")}>
                          {tpl.namePattern}
                          <div className="muted small">
                            {t("templates.example")}: {expandTemplate(tpl.namePattern, sample(kind.label))}
                          </div>
                        </td>
                        <td data-label={t("templates.bodyKind")}>{tpl.bodyKindLabel}</td>
                        <td data-label={t("templates.symbol")}>
                          <code>{tpl.symbol}</code>
                        </td>
                        <td data-label={t("templates.parentLinePattern")}>
                          {tpl.parentLinePattern}
                          {tpl.parentLinePattern ? <div className="muted small">{expandTemplate(tpl.parentLinePattern, sample(kind.label))}</div> : null}
                        </td>
                        <td>
                          <div className="row-actions">
                            <details className="edit-box">
                              <summary>
                                {t("edit")} <span className="visually-hidden">{tpl.namePattern}</span>
                              </summary>
                              <BodyTemplateFormClient template={tpl} unitKinds={unitKindOptions} bodyKinds={bodyKindOptions} />
                            </details>
                            <DeleteTemplateClient templateId={tpl.id} name={tpl.namePattern} />
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
    </div>
  );
}
