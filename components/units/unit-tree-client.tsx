"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { foldForSearch } from "@/lib/text/fold";
import { UnitRetireClient } from "./unit-retire-client";

export interface UnitNode {
  id: number;
  code: string;
  name: string;
  kindLabel: string;
  parentId: number | null;
  retired: boolean;
  mergedIntoName: string | null;
  bodyCount: number;
  userCount: number;
}

/**
 * The unit tree, nested with native <details>: search without diacritics
 * (matches open their branch), expand or collapse all, retired units greyed.
 */
export function UnitTreeClient({
  units,
  ownUnitId,
}: {
  units: UnitNode[];
  /** The admin's own unit: not to be retired or merged away by them. */ ownUnitId: number;
}) {
  const t = useTranslations("adminUnits");
  const [query, setQuery] = useState("");
  const [showRetired, setShowRetired] = useState(true);
  // Changing it re-mounts the <details> with everything open or closed.
  const [openAll, setOpenAll] = useState<boolean | null>(null);

  const { roots, children } = useMemo(() => {
    const ids = new Set(units.map((u) => u.id));
    const children = new Map<number, UnitNode[]>();
    const roots: UnitNode[] = [];
    for (const u of units) {
      if (u.parentId !== null && ids.has(u.parentId)) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
      else roots.push(u);
    }
    return { roots, children };
  }, [units]);

  const folded = foldForSearch(query);
  // Units shown: those that match and everything above them (a branch with no match is hidden).
  const visible = useMemo(() => {
    const shown = new Set<number>();
    const visit = (u: UnitNode): boolean => {
      let any = false;
      for (const c of children.get(u.id) ?? []) if (visit(c)) any = true;
      const self = (showRetired || !u.retired) && (folded === "" || foldForSearch(`${u.name} ${u.code}`).includes(folded));
      if (self || any) shown.add(u.id);
      return self || any;
    };
    roots.forEach(visit);
    return shown;
  }, [roots, children, folded, showRetired]);

  const renderNode = (u: UnitNode, depth: number) => {
    if (!visible.has(u.id)) return null;
    const kids = (children.get(u.id) ?? []).filter((c) => visible.has(c.id));
    const row = (
      <div className={`unit-row${u.retired ? " retired" : ""}`} data-testid="unit-row" data-code={u.code}>
        <span className="unit-title">
          <strong>{u.name}</strong> <span className="badge">{u.kindLabel}</span> <code className="muted small">{u.code}</code>
          {u.retired ? (
            <span className="badge badge-cancelled">{u.mergedIntoName ? t("mergedInto", { name: u.mergedIntoName }) : t("retiredBadge")}</span>
          ) : null}
        </span>
        <span className="muted small unit-counts">
          {t("bodies", { count: u.bodyCount })} · {t("users", { count: u.userCount })}
        </span>
        <span className="row-actions">
          <Link className="button small" href={`/admin/units/${u.id}`}>
            {t("edit")}
          </Link>
          {u.retired ? null : (
            <>
              <Link className="button small" href={`/admin/units/new?parent=${u.id}`}>
                {t("addChild")}
              </Link>
              {u.parentId !== null && u.id !== ownUnitId ? (
                <Link className="button small" href={`/admin/units/${u.id}#merge`}>
                  {t("mergeInto")}
                </Link>
              ) : null}
            </>
          )}
          {u.parentId !== null && u.id !== ownUnitId && !u.mergedIntoName ? <UnitRetireClient unitId={u.id} name={u.name} retired={u.retired} /> : null}
        </span>
      </div>
    );
    if (kids.length === 0) return <li key={u.id}>{row}</li>;
    const open = folded !== "" || (openAll ?? depth === 0);
    return (
      <li key={`${u.id}-${openAll}-${folded !== ""}`}>
        <details open={open}>
          <summary>{row}</summary>
          <ul className="unit-tree">{kids.map((c) => renderNode(c, depth + 1))}</ul>
        </details>
      </li>
    );
  };

  return (
    <div className="stack-sm">
      <div className="filters">
        <div className="field">
          <label htmlFor="unit-search">{t("search")}</label>
          <input id="unit-search" type="search" value={query} placeholder={t("searchPlaceholder")} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> {t("showRetired")}
        </label>
        <div className="filter-actions">
          <button type="button" className="button small" onClick={() => setOpenAll(true)}>
            {t("expandAll")}
          </button>
          <button type="button" className="button small" onClick={() => setOpenAll(false)}>
            {t("collapseAll")}
          </button>
        </div>
      </div>
      {visible.size === 0 ? (
        <p className="muted">{t("noMatch")}</p>
      ) : (
        <ul className="unit-tree root" data-testid="unit-tree">
          {roots.map((u) => renderNode(u, 0))}
        </ul>
      )}
    </div>
  );
}
