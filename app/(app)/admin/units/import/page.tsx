import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UnitsCommitClient, UnitsUploadClient } from "@/components/units/units-import-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getStagedUnitImport, planUnitImport } from "@/lib/units/import-units";
import { indentedUnitOptions, listUnitTree } from "@/lib/units/unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUnits"))("import.title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

const STATUS_BADGE = { create: "badge-held", update: "badge-draft", unchanged: "", error: "badge-cancelled" } as const;

export default async function UnitsImportPage({ searchParams }: Props) {
  const user = await requirePageUser("unit:manage");
  const actor = { id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds };
  const t = await getTranslations("adminUnits");
  const query = await searchParams;
  const batchId = Number(query.batch);
  const batch = Number.isInteger(batchId) && batchId > 0 ? await getStagedUnitImport(db, user.id, batchId) : undefined;
  const plan = batch ? await planUnitImport(db, actor, { headers: batch.headers, rows: batch.rows, underUnitId: batch.unitId }) : undefined;
  // Counts from the commit's redirect; the URL can be typed, so only whole numbers of zero or more.
  const count = (v: unknown) => (typeof v === "string" && /^\d{1,7}$/.test(v) ? Number(v) : 0);
  const done = query.created !== undefined ? { created: count(query.created), updated: count(query.updated), unchanged: count(query.unchanged) } : undefined;

  return (
    <div className="stack narrow-page wide">
      <p>
        <Link href="/admin/units">{t("backToList")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      {done ? (
        <p className="notice success" role="status" data-testid="import-done">
          {t("import.done", done)}
        </p>
      ) : null}
      {query.batch && !batch ? <p className="notice error">{t("import.notFound")}</p> : null}
      {batch && plan ? (
        <section className="card stack-sm" aria-labelledby="preview-title" data-testid="units-preview">
          <h2 id="preview-title">{t("import.previewTitle", { filename: batch.filename })}</h2>
          {!plan.ok ? (
            <p className="notice error">
              {plan.code === "missingColumns"
                ? t("import.missingColumns", { columns: plan.columns.map((c) => t(`import.columns.${c}`)).join(", ") })
                : t("import.underOutOfScope")}
            </p>
          ) : (
            <>
              <p data-testid="preview-summary">{t("import.summary", plan.counts)}</p>
              {plan.counts.error > 0 ? (
                <p className="notice error">{t("import.fixFirst")}</p>
              ) : plan.counts.create + plan.counts.update === 0 ? (
                <p className="notice info">{t("import.nothingToDo")}</p>
              ) : (
                <UnitsCommitClient batchId={batch.id} count={plan.counts.create + plan.counts.update} />
              )}
              <table className="table stack-on-phone" data-testid="preview-table">
                <thead>
                  <tr>
                    <th scope="col">{t("import.line")}</th>
                    <th scope="col">{t("import.columns.code")}</th>
                    <th scope="col">{t("import.columns.name")}</th>
                    <th scope="col">{t("import.columns.kind")}</th>
                    <th scope="col">{t("import.columns.parentCode")}</th>
                    <th scope="col">{t("import.columns.placeName")}</th>
                    <th scope="col">{t("import.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.rows.map((r) => (
                    <tr key={r.line} data-status={r.status} data-code={r.code}>
                      <td data-label={t("import.line")}>{r.line}</td>
                      <td data-label={t("import.columns.code")}>
                        <code>{r.code}</code>
                      </td>
                      <td data-label={t("import.columns.name")}>{r.name}</td>
                      <td data-label={t("import.columns.kind")}>{r.kindLabel}</td>
                      <td data-label={t("import.columns.parentCode")}>{r.parentCode}</td>
                      <td data-label={t("import.columns.placeName")}>{r.placeName}</td>
                      <td data-label={t("import.status")}>
                        <span className={`badge ${STATUS_BADGE[r.status]}`}>{t(`import.statuses.${r.status}`)}</span>
                        {r.errors.length > 0 ? <div className="text-danger small">{r.errors.map((e) => t(`import.rowErrors.${e}`)).join("; ")}</div> : null}
                        {r.changes.length > 0 ? (
                          <div className="muted small">{t("import.changed", { fields: r.changes.map((c) => t(`import.changes.${c}`)).join(", ") })}</div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p>
            <Link href="/admin/units/import">{t("import.again")}</Link>
          </p>
        </section>
      ) : (
        <section className="card stack-sm">
          <p className="muted">{t("import.intro")}</p>
          <p>
            <a href="/samples/danh-sach-don-vi-mau.csv" download>
              {t("import.sample")}
            </a>
          </p>
          <UnitsUploadClient units={indentedUnitOptions(await listUnitTree(db, actor))} defaultUnitId={user.unitId} />
        </section>
      )}
    </div>
  );
}
