import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnitFormClient } from "@/components/units/unit-form-client";
import { UnitMergeClient } from "@/components/units/unit-merge-client";
import { UnitRetireClient } from "@/components/units/unit-retire-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { unitSubtree } from "@/lib/auth/session-user";
import { listUnitKinds } from "@/lib/units/unit-kinds";
import { getUnitForEdit, indentedUnitOptions, listUnitTree } from "@/lib/units/unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUnits"))("editTitle") };
}

type Props = { params: Promise<{ id: string }> };

export default async function EditUnitPage({ params }: Props) {
  const user = await requirePageUser("unit:manage");
  const id = Number((await params).id);
  const actor = { id: user.id, unitId: user.unitId, scopeUnitIds: user.scopeUnitIds };
  const unit = Number.isInteger(id) && id > 0 ? await getUnitForEdit(db, actor, id) : undefined;
  if (!unit) notFound();
  const t = await getTranslations("adminUnits");
  const rows = await listUnitTree(db, actor);
  const below = new Set(await unitSubtree(db, unit.id));
  const parents = indentedUnitOptions(rows, unit.id);
  // The actor's own unit: its parent is outside their scope, kept as it is.
  const parentRow = unit.parentId === null ? undefined : rows.find((r) => r.id === unit.parentId);
  const fixedParent = unit.parentId !== null && !parentRow ? { id: unit.parentId, name: unit.parentName ?? "—" } : undefined;
  const targets = indentedUnitOptions(rows).filter((o) => !below.has(o.id));
  const mergeable = !unit.retiredAt;

  return (
    <div className="stack narrow-page">
      <p>
        <Link href="/admin/units">{t("backToList")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("editTitle")}: {unit.name}
        </h1>
        {unit.parentId !== null && !unit.mergedIntoId && unit.id !== user.unitId ? (
          <UnitRetireClient unitId={unit.id} name={unit.name} retired={!!unit.retiredAt} />
        ) : null}
      </div>
      {unit.retiredAt ? (
        <p className="notice info" data-testid="retired-note">
          {unit.mergedIntoName ? t("mergedInto", { name: unit.mergedIntoName }) : t("retiredNote")}
        </p>
      ) : null}
      <section className="card">
        <UnitFormClient
          unit={{
            id: unit.id,
            code: unit.code,
            name: unit.name,
            kind: unit.kind,
            placeName: unit.placeName,
            parentId: unit.parentId,
            sortOrder: unit.sortOrder,
          }}
          kinds={(await listUnitKinds(db)).map((k) => ({ key: k.key, label: k.label }))}
          parents={parents}
          fixedParent={fixedParent}
          identityFixed={user.scopeUnitIds !== "all" && unit.id === user.unitId}
        />
      </section>
      {unit.parentId === null || unit.id === user.unitId ? null : (
        <section className="card stack-sm" id="merge" aria-labelledby="merge-title">
          <h2 id="merge-title">{t("merge.title")}</h2>
          {mergeable || unit.mergedIntoId ? (
            <>
              {mergeable ? <p className="muted">{t("merge.intro", { name: unit.name })}</p> : null}
              <UnitMergeClient unitId={unit.id} targets={targets} merged={!mergeable} />
            </>
          ) : (
            <p className="muted">{t("merge.unavailable")}</p>
          )}
        </section>
      )}
    </div>
  );
}
