"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { LiveStats } from "@/lib/checkin/live-stats";
import { formatDate, formatTime } from "@/lib/time/format";
import { formatRatio } from "@/lib/reports/format-rate";

interface Props {
  conferenceId: number;
  siteId?: number;
  title: string;
  place: string;
  initial: LiveStats;
}

/** Refreshed every 1.5 s while the door is open; after it, every 30 s (late syncs still arrive). */
const REFRESH_OPEN_MS = 1500;
const REFRESH_CLOSED_MS = 30_000;
/** At most this many time labels under the bars, so that they never overlap, even at 390 px. */
const MAX_LABELS = 6;

export function LiveCounterClient({ conferenceId, siteId, title, place, initial }: Props) {
  const t = useTranslations("live");
  const d = useTranslations("door");
  const [stats, setStats] = useState(initial);
  const [stale, setStale] = useState(false);
  const open = stats.phase === "open";

  useEffect(() => {
    const url = `/api/conferences/${conferenceId}/live${siteId ? `?site=${siteId}` : ""}`;
    const refresh = async () => {
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        setStats(await response.json());
        setStale(false);
      } catch {
        setStale(true);
      }
    };
    const timer = setInterval(() => void refresh(), open ? REFRESH_OPEN_MS : REFRESH_CLOSED_MS);
    return () => clearInterval(timer);
  }, [conferenceId, siteId, open]);

  const rate = formatRatio(stats.present, stats.invited);
  const bars = stats.arrivals;
  const peak = Math.max(1, ...bars.map((a) => a.n));
  const labelEvery = Math.max(1, Math.ceil(bars.length / MAX_LABELS));
  const first = bars[0];
  const last = bars[bars.length - 1];
  const caption = first
    ? d("live.chartSpan", { minutes: stats.slotMinutes, from: label(first.at, first.at, last.at), to: label(last.at, first.at, last.at) })
    : "";
  return (
    <main className="live" data-phase={stats.phase}>
      <header>
        <p className="live-title">{title}</p>
        <p className="live-place">{place}</p>
      </header>
      <p className="live-main" data-testid="live-present">
        {t("present", { present: stats.present, invited: stats.invited })}
      </p>
      <p className="live-rate">{t("rate", { rate })}</p>
      <div className="live-figures">
        <p>
          <span>{stats.late}</span> {t("late")}
        </p>
        <p>
          <span>{stats.walkIns}</span> {t("walkIns")}
        </p>
      </div>
      <div className="live-timeline">
        {stats.phase === "not_yet" && bars.length === 0 ? (
          <p className="live-note">
            {d("live.notYet")} — {formatTime(new Date(stats.opensAt))} {formatDate(new Date(stats.opensAt))}
          </p>
        ) : bars.length === 0 ? (
          <p className="live-note">{d("live.noArrivals")}</p>
        ) : (
          <>
            <p className="live-note" data-testid="live-chart-caption">
              {!open ? `${d("live.ended")} ` : ""}
              {caption}
            </p>
            <div className="live-chart" role="img" aria-label={caption} data-testid="live-chart">
              {bars.map((a, i) => (
                <div key={a.at} className="live-bar" title={`${formatTime(new Date(a.at))}: ${a.n}`}>
                  <div style={{ height: `${(a.n / peak) * 100}%` }} />
                  <span aria-hidden={i % labelEvery !== 0}>{i % labelEvery === 0 ? formatTime(new Date(a.at)) : ""}</span>
                </div>
              ))}
            </div>
          </>
        )}
      </div>
      <p className={`live-updated${stale ? " stale" : ""}`}>{stale ? t("stale") : t("updated", { time: formatTime(new Date(stats.at)) })}</p>
    </main>
  );
}

/** A time on the timeline, with its date when the timeline spans two days. */
function label(iso: string, from: string, to: string): string {
  const at = new Date(iso);
  return formatDate(new Date(from)) === formatDate(new Date(to)) ? formatTime(at) : `${formatTime(at)} ${formatDate(at)}`;
}
