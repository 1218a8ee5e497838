import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UnitFormClient } from "@/components/units/unit-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listUnitKinds } from "@/lib/units/unit-kinds";
import { indentedUnitOptions, listUnitTree } from "@/lib/units/unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUnits"))("createTitle") };
}

type Props = { searchParams: Promise<{ parent?: string }> };

export default async function NewUnitPage({ searchParams }: Props) {
  const user = await requirePageUser("unit:manage");
  const t = await getTranslations("adminUnits");
  const parents = indentedUnitOptions(await listUnitTree(db, { id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds }));
  const wanted = Number((await searchParams).parent);
  const defaultParentId = parents.some((p) => p.id === wanted) ? wanted : parents[0]?.id;
  return (
    <div className="stack narrow-page">
      <p>
        <Link href="/admin/units">{t("backToList")}</Link>
      </p>
      <h1>{t("createTitle")}</h1>
      <section className="card">
        <UnitFormClient kinds={(await listUnitKinds(db)).map((k) => ({ key: k.key, label: k.label }))} parents={parents} defaultParentId={defaultParentId} />
      </section>
    </div>
  );
}
