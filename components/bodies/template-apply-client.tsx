"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createBodiesFromTemplateAction } from "@/lib/bodies/actions";
import { initialActionResult } from "@/lib/http/action-result";

interface Planned {
  name: string;
  kindLabel: string;
  symbol: string;
  parentLine: string;
  exists: boolean;
}

/** "Create bodies from the template" for one unit: what it will create, then one click. */
export function TemplateApplyClient({
  unitId,
  unitKindLabel,
  planned,
  open,
  templatesHref,
}: {
  unitId: number;
  unitKindLabel: string;
  planned: Planned[];
  open: boolean;
  /** Where the templates are edited, for an admin who may (the province's). */
  templatesHref?: string;
}) {
  const t = useTranslations("adminBodies");
  const [state, action, pending] = useActionState(createBodiesFromTemplateAction, initialActionResult);
  const missing = planned.filter((p) => !p.exists).length;

  return (
    <div className="stack-sm">
      {state.message ? (
        <p className={`notice ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </p>
      ) : null}
      {planned.length === 0 ? (
        <p className="muted small">
          {t("fromTemplateNone", { kind: unitKindLabel })} {templatesHref ? <Link href={templatesHref}>{t("templatesLink")}</Link> : null}
        </p>
      ) : missing === 0 ? null : (
        <details className="edit-box" open={open}>
          <summary>{t("fromTemplateCount", { count: missing })}</summary>
          <p className="small">{t("fromTemplateIntro", { kind: unitKindLabel })}</p>
          <ul className="small" data-testid="template-plan">
            {planned.map((p) => (
              <li key={p.name} className={p.exists ? "muted" : undefined}>
                <strong>{p.name}</strong> · {p.kindLabel} · <code>{p.symbol}</code>
                {p.parentLine ? <> · {p.parentLine}</> : null}
                {p.exists ? <> ({t("fromTemplateExists")})</> : null}
              </li>
            ))}
          </ul>
          <form action={action}>
            <input type="hidden" name="unitId" value={unitId} />
            <button className="button primary" type="submit" disabled={pending}>
              {pending ? t("creatingFromTemplate") : t("fromTemplate")}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
