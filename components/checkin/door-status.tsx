import { useTranslations } from "next-intl";
import type { DoorState } from "@/lib/checkin/device/door-device";
import { formatTime } from "@/lib/time/format";

/** The permanent strip at the top of the door page: network, waiting scans, roster age, and sync results to look at. */
export function DoorStatus({ state }: { state: DoorState }) {
  const t = useTranslations("scan");
  const tDoor = useTranslations("door");
  const online = state.connection === "online";
  return (
    <div className="stack-sm">
      <div className={`door-status ${online ? "door-online" : "door-offline"}`} role="status" data-testid="door-status" data-connection={state.connection}>
        <strong>
          <span className="door-dot" aria-hidden="true" />
          {online ? t("connectionOnline") : t("connectionOffline")}
        </strong>
        <span data-testid="queue-count" data-count={state.queued} className={state.queued > 0 ? "door-queue" : undefined}>
          {state.syncing && state.queued > 0 ? t("syncing") : t("queued", { count: state.queued })}
        </span>
        {state.deviceId ? (
          <span className="muted-inverse" data-testid="device-id" data-device={state.deviceId}>
            {t("deviceName", { device: state.deviceId })}
          </span>
        ) : null}
        {state.lastSyncAt ? <span className="muted-inverse">{t("lastSync", { time: formatTime(state.lastSyncAt) })}</span> : null}
        {state.rosterFetchedAt ? <span className="muted-inverse">{t("rosterAt", { time: formatTime(state.rosterFetchedAt) })}</span> : null}
        {state.conflicts.length > 0 ? (
          <a href="#sync-conflicts" className="door-conflicts-link">
            {t("conflictsLink", { count: state.conflicts.length })}
          </a>
        ) : null}
      </div>
      {state.sessionExpired ? (
        <p className="notice error">
          {t("sessionExpiredQueue")} <a href="/login">{t("signInAgain")}</a>
        </p>
      ) : null}
      {state.rosterError ? <p className="notice error">{t("rosterMissing")}</p> : null}
      {state.store !== "ready" ? (
        <p className="notice error" role="alert" data-testid="door-store" data-store={state.store}>
          {tDoor(state.store === "blocked" ? "storeBlocked" : state.store === "replaced" ? "storeReplaced" : "storeOutdated")}
        </p>
      ) : null}
      {state.syncRefusal ? <p className="notice error">{t("syncRefused", { reason: state.syncRefusal })}</p> : null}
    </div>
  );
}

/** What the server decided differently from the door (below the tools, so the verdict panel never moves). */
export function SyncConflicts({ conflicts, onRetry }: { conflicts: DoorState["conflicts"]; onRetry: (nonce: string) => void }) {
  const t = useTranslations("scan");
  if (conflicts.length === 0) return null;
  const short = (verdict: string) => t(`short.${verdict}` as "short.ok");
  return (
    <section className="card stack-sm" id="sync-conflicts" aria-labelledby="conflicts-title" data-testid="sync-conflicts">
      <h2 id="conflicts-title">{t("conflictsTitle")}</h2>
      <ul className="item-list">
        {conflicts.map((c) => (
          <li key={c.nonce} className="feed-row">
            <div>
              <p className="item-title">
                {c.name || "—"} <span className="muted small">{formatTime(c.scannedAt)}</span>
              </p>
              <p className="small">
                {t("conflictShown", { verdict: short(c.shown) })} →{" "}
                <strong>
                  {c.rejection !== undefined
                    ? t("rejected", { reason: c.rejection })
                    : c.server.verdict === "duplicate" && c.server.firstCheckIn
                      ? t("verdict.duplicate", { time: formatTime(new Date(c.server.firstCheckIn.scannedAt)), device: c.server.firstCheckIn.deviceId })
                      : t("conflictServer", { verdict: short(c.server.verdict) })}
                </strong>
              </p>
            </div>
            {c.retryable ? (
              <button type="button" className="button small" onClick={() => onRetry(c.nonce)}>
                {t("retry")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
