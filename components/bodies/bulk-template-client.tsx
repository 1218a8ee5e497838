"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createBodiesFromTemplateForKindAction } from "@/lib/bodies/actions";
import { initialActionResult } from "@/lib/http/action-result";

interface KindGap {
  unitKind: string;
  label: string;
  units: number;
  bodies: number;
}

/**
 * Unit kinds whose units still lack bodies of their template: one click per kind
 * creates them all. Stays mounted after the last one is done, to say what it made.
 */
export function BulkTemplateClient({ kinds }: { kinds: KindGap[] }) {
  const t = useTranslations("adminBodies");
  const [state, action, pending] = useActionState(createBodiesFromTemplateForKindAction, initialActionResult);
  if (kinds.length === 0 && !state.message) return null;

  return (
    <section className="card stack-sm" aria-labelledby="bulk-title" data-testid="bulk-template">
      <h2 id="bulk-title">{t("bulkTitle")}</h2>
      {state.message ? (
        <p className={`notice ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </p>
      ) : null}
      {kinds.length > 0 ? <p className="muted small">{t("bulkIntro")}</p> : null}
      <ul className="stack-sm">
        {kinds.map((k) => (
          <li key={k.unitKind}>
            <form action={action} className="inline-form">
              <input type="hidden" name="unitKind" value={k.unitKind} />
              <span>{t("bulkRow", { kind: k.label, units: k.units, bodies: k.bodies })}</span>
              <button className="button small primary" type="submit" disabled={pending}>
                {t("bulkButton", { units: k.units, kind: k.label })}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
