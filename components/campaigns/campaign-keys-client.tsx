"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { revokeRetiredKeyAction, rotateKeyAction } from "@/lib/campaigns/actions";
import { initialActionResult, latestMessage } from "@/lib/http/action-result";

interface Props {
  campaignId: number;
  /** A short fingerprint of the current public key, or null when none was made yet. */
  current: string | null;
  /** Retired keys, dates already formatted. */
  retired: { id: number; fingerprint: string; retiredAt: string; revokedAt: string | null }[];
}

export function CampaignKeysClient({ campaignId, current, retired }: Props) {
  const t = useTranslations("adminCampaigns.keys");
  const [rotateState, rotate, rotating] = useActionState(rotateKeyAction, initialActionResult);
  const [revokeState, revoke, revoking] = useActionState(revokeRetiredKeyAction, initialActionResult);
  const [revokeOld, setRevokeOld] = useState(false);
  const message = latestMessage(rotateState, revokeState);

  return (
    <div className="stack-sm">
      <p>
        {t("current")}: {current ? <code data-testid="current-key">{current}</code> : <span className="muted">{t("none")}</span>}
      </p>
      <form
        action={rotate}
        className="inline-form wrap key-rotate"
        onSubmit={(e) => {
          if (!window.confirm(revokeOld ? t("rotateRevokeConfirm") : t("rotateConfirm"))) e.preventDefault();
        }}
      >
        <input type="hidden" name="campaignId" value={campaignId} />
        <label className="checkbox">
          <input type="checkbox" name="revokeOld" value="1" checked={revokeOld} onChange={(e) => setRevokeOld(e.target.checked)} />
          {t("revokeOld")}
        </label>
        <button className={`button small ${revokeOld ? "danger" : ""}`} type="submit" disabled={rotating}>
          {rotating ? t("rotating") : t("rotate")}
        </button>
      </form>
      {retired.length > 0 ? (
        <>
          <h3>{t("retired")}</h3>
          <ul className="item-list">
            {retired.map((k) => (
              <li key={k.id}>
                <code>{k.fingerprint}</code> · <span className="muted small">{t("retiredAt", { at: k.retiredAt })}</span>{" "}
                {k.revokedAt ? (
                  <span className="badge badge-cancelled">{t("revokedAt", { at: k.revokedAt })}</span>
                ) : (
                  <form
                    action={revoke}
                    className="inline-form"
                    onSubmit={(e) => {
                      if (!window.confirm(t("revokeConfirm"))) e.preventDefault();
                    }}
                  >
                    <span className="muted small">{t("stillValid")}</span>
                    <input type="hidden" name="campaignId" value={campaignId} />
                    <input type="hidden" name="keyId" value={k.id} />
                    <button className="button small danger" type="submit" disabled={revoking}>
                      {t("revoke")}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {message ? (
        <p className={`notice small ${message.ok ? "success" : "error"}`} role="status">
          {message.message}
        </p>
      ) : null}
    </div>
  );
}
