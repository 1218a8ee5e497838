import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UnitKindFormClient } from "@/components/units/unit-kinds-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listUnitKinds } from "@/lib/units/unit-kinds";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUnits"))("kinds.title") };
}

export default async function UnitKindsPage() {
  const user = await requirePageUser("unit:manage");
  const t = await getTranslations("adminUnits");
  const kinds = await listUnitKinds(db);
  const editable = user.scopeUnitIds === "all";
  return (
    <div className="stack narrow-page wide">
      <p>
        <Link href="/admin/units">{t("backToList")}</Link>
      </p>
      <h1>{t("kinds.title")}</h1>
      <p className="muted">{t("kinds.intro")}</p>
      {editable ? null : <p className="notice info">{t("kinds.rootOnly")}</p>}
      <section className="card">
        <table className="table stack-on-phone" data-testid="kind-table">
          <thead>
            <tr>
              <th scope="col">{t("kinds.key")}</th>
              <th scope="col">{editable ? `${t("kinds.label")} · ${t("kinds.sortOrder")}` : t("kinds.label")}</th>
              <th scope="col" className="num">
                {t("kinds.units")}
              </th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.key} data-key={k.key}>
                <td data-label={t("kinds.key")}>
                  <code>{k.key}</code>
                </td>
                <td data-label={t("kinds.label")}>
                  {editable ? <UnitKindFormClient kind={{ key: k.key, label: k.label, sortOrder: k.sortOrder }} /> : k.label}
                </td>
                <td data-label={t("kinds.units")} className="num">
                  {k.unitCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editable ? (
        <section className="card stack-sm" aria-labelledby="add-kind-title">
          <h2 id="add-kind-title">{t("kinds.add")}</h2>
          <UnitKindFormClient />
        </section>
      ) : null}
    </div>
  );
}
