"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createBodiesFromTemplateForKindAction } from "@/app/(app)/admin/bodies/actions";
import { initialActionResult } from "@/lib/http/action-result";

/** One unit kind whose units still lack bodies of its template: one click creates them all. */
export function BulkTemplateClient({ unitKind, kindLabel, units, bodies }: { unitKind: string; kindLabel: string; units: number; bodies: number }) {
  const t = useTranslations("adminBodies");
  const [state, action, pending] = useActionState(createBodiesFromTemplateForKindAction, initialActionResult);

  return (
    <li>
      <form action={action} className="inline-form">
        <input type="hidden" name="unitKind" value={unitKind} />
        <span>{t("bulkRow", { kind: kindLabel, units, bodies })}</span>
        <button className="button small primary" type="submit" disabled={pending}>
          {pending ? t("creatingFromTemplate") : t("bulkButton", { units, kind: kindLabel })}
        </button>
      </form>
      {state.message ? (
        <p className={`notice small ${state.ok ? "success" : "error"}`} role="status">
          {state.message}
        </p>
      ) : null}
    </li>
  );
}
