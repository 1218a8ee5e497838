"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { mergePeopleAction } from "@/app/(app)/people/actions";
import { initialActionResult } from "@/lib/http/action-result";

interface Props {
  duplicateId: number;
  candidates: { id: number; fullName: string; position: string; workplace: string; phone: string | null; unitName: string }[];
}

/** Possible duplicates of this person; merging keeps the other record and moves this one's invitations to it. */
export function MergeClient({ duplicateId, candidates }: Props) {
  const t = useTranslations("people");
  const [state, action, pending] = useActionState(mergePeopleAction, initialActionResult);
  return (
    <div className="stack-sm">
      <p className="muted">{t("mergeIntro")}</p>
      <ul className="item-list" data-testid="duplicates">
        {candidates.map((c) => (
          <li key={c.id} className="feed-row">
            <div>
              <p className="item-title">{c.fullName}</p>
              <p className="muted small">{[c.position, c.workplace, c.unitName, c.phone].filter(Boolean).join(" · ")}</p>
            </div>
            <form action={action}>
              <input type="hidden" name="duplicateId" value={duplicateId} />
              <input type="hidden" name="keepId" value={c.id} />
              <button className="button small" type="submit" disabled={pending}>
                {t("mergeInto")}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {state.message ? (
        <p className="notice error" role="alert">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
