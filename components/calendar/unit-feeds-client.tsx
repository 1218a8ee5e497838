"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createFeedAction, revokeFeedAction } from "@/lib/calendar/actions";
import { ConfirmStep } from "@/components/ui/confirm-step-client";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

interface Props {
  feeds: { id: number; url: string; unitName: string }[];
  units: { id: number; name: string }[];
}

/** Secret feed URLs that a phone calendar subscribes to; revoking one stops it at once. */
export function UnitFeedsClient({ feeds, units }: Props) {
  const t = useTranslations("feeds");
  const s = useTranslations("safety.feed");
  const [createState, createAction, creating] = useActionState(createFeedAction, initialActionResult);
  const [revokeState, revokeAction, revoking] = useActionState(revokeFeedAction, initialActionResult);
  const outcome = latestMessage(createState, revokeState);
  return (
    <div className="stack-sm">
      <p className="muted">{t("intro")}</p>
      {feeds.length > 0 ? (
        <ul className="item-list" data-testid="feed-list">
          {feeds.map((f) => (
            <li key={f.id} className="feed-row">
              <div>
                <p className="item-title">{f.unitName}</p>
                <input className="feed-url" readOnly value={f.url} aria-label={t("urlOf", { unit: f.unitName })} onFocus={(e) => e.currentTarget.select()} />
              </div>
              <ConfirmStep
                formAction={revokeAction}
                state={revokeState}
                pending={revoking}
                fields={{ feedId: f.id }}
                trigger={t("revoke")}
                title={s("revokeTitle", { unit: f.unitName })}
                hint={s("revokeHint")}
                confirmLabel={s("confirmRevoke")}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <form action={createAction} className="inline-form wrap">
        <label htmlFor="feed-unit" className="visually-hidden">
          {t("unit")}
        </label>
        <select id="feed-unit" name="unitId" defaultValue={units[0]?.id}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <button className="button small" type="submit" disabled={creating}>
          {t("create")}
        </button>
      </form>
      {outcome ? (
        <p className={`notice ${outcome.ok ? "success" : "error"}`} role="status">
          {outcome.message}
        </p>
      ) : null}
    </div>
  );
}
