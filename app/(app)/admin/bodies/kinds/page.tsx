import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BodyKindFormClient } from "@/components/bodies/body-kind-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { mayManageGlobal } from "@/lib/bodies/body-access";
import { listBodyKinds } from "@/lib/bodies/body-kinds";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminBodies.kinds"))("title") };
}

export default async function BodyKindsPage() {
  const admin = await requirePageUser("body:manage");
  // Global data: the root unit's admin only; anyone else learns nothing.
  if (!mayManageGlobal(admin)) notFound();
  const t = await getTranslations("adminBodies.kinds");
  const kinds = await listBodyKinds(db);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link href="/admin/bodies">{t("back")}</Link>
      </div>
      <p className="muted">{t("intro")}</p>
      <section className="card" aria-labelledby="add-kind-title">
        <h2 id="add-kind-title">{t("add")}</h2>
        <BodyKindFormClient />
      </section>
      <section className="card">
        <table className="table stack-on-phone" data-testid="body-kind-table">
          <thead>
            <tr>
              <th scope="col">{t("label")}</th>
              <th scope="col">{t("key")}</th>
              <th scope="col">{t("requirable")}</th>
              <th scope="col">{t("order")}</th>
              <th scope="col">{t("bodies")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.key} data-kind={k.key}>
                <td data-label={t("label")}>
                  <span className="swatch" style={{ background: k.colour }} aria-hidden="true" /> {k.label}
                </td>
                <td data-label={t("key")}>
                  <code>{k.key}</code>
                </td>
                <td data-label={t("requirable")}>{k.requirable ? t("yes") : t("no")}</td>
                <td data-label={t("order")}>{k.sortOrder}</td>
                <td data-label={t("bodies")}>{k.bodyCount}</td>
                <td>
                  <details className="edit-box">
                    <summary>
                      {t("edit")} <span className="visually-hidden">{k.label}</span>
                    </summary>
                    <BodyKindFormClient kind={{ key: k.key, label: k.label, requirable: k.requirable, colour: k.colour, sortOrder: k.sortOrder }} />
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
