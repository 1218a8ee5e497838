"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DoorDevice } from "@/lib/checkin/device/door-device";
import { matchesPhoneTail } from "@/lib/checkin/shared/roster-format";
import { foldForSearch } from "@/lib/text/fold";
import { formatTime } from "@/lib/time/format";

/** Finding a guest by name or the last digits of a phone in the roster on the device (online and offline alike). */
export function RosterSearch({ device, siteId, onCheckIn }: { device: DoorDevice | null; siteId: number; onCheckIn: (invitationId: number) => void }) {
  const t = useTranslations("scan");
  const [query, setQuery] = useState("");
  const folded = foldForSearch(query);
  const digits = folded.replace(/\D/g, "");
  const entries = device?.roster?.entries.filter((e) => e.siteId === siteId && e.status === "issued") ?? [];
  const matches = folded.length >= 2 ? entries.filter((e) => foldForSearch(e.name).includes(folded) || matchesPhoneTail(e.phoneTail, digits)).slice(0, 20) : [];
  return (
    <section className="card stack-sm" aria-labelledby="search-title">
      <h2 id="search-title">{t("searchTitle")}</h2>
      <label htmlFor="roster-search" className="visually-hidden">
        {t("searchLabel")}
      </label>
      <input id="roster-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} autoComplete="off" />
      {matches.length > 0 ? (
        <ul className="item-list" data-testid="roster-results">
          {matches.map((r) => {
            const at = device?.checkInOf(r.invitationId);
            return (
              <li key={r.invitationId} className="feed-row">
                <div>
                  <p className="item-title">{r.name}</p>
                  <p className="muted small">
                    {[r.position, r.unitName, r.phoneTail ? t("phoneTail", { digits: r.phoneTail }) : ""].filter(Boolean).join(" · ")}
                  </p>
                </div>
                {at ? (
                  <span className="badge badge-held">{t("checkedAt", { time: formatTime(at) })}</span>
                ) : (
                  <button type="button" className="button small primary" onClick={() => onCheckIn(r.invitationId)}>
                    {t("checkIn")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
