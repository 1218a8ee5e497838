import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UnitTreeClient } from "@/components/units/unit-tree-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listUnitTree } from "@/lib/units/unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUnits"))("title") };
}

export default async function UnitsPage() {
  const user = await requirePageUser("unit:manage");
  const t = await getTranslations("adminUnits");
  const rows = await listUnitTree(db, { id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds });
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <p className="muted">{t("count", { count: rows.filter((r) => !r.retired).length })}</p>
        <div className="row-actions">
          <Link className="button primary" href="/admin/units/new">
            {t("create")}
          </Link>
          <Link className="button" href="/admin/units/import">
            {t("importLink")}
          </Link>
          <Link className="button" href="/admin/units/kinds">
            {t("kindsLink")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("intro")}</p>
      <section className="card">
        <UnitTreeClient
          ownUnitId={user.unitId}
          units={rows.map((r) => ({
            id: r.id,
            code: r.code,
            name: r.name,
            kindLabel: r.kindLabel,
            parentId: r.parentId,
            retired: r.retired,
            mergedIntoName: r.mergedIntoName,
            bodyCount: r.bodyCount,
            userCount: r.userCount,
          }))}
        />
      </section>
    </div>
  );
}
