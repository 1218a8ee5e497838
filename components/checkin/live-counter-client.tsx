"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { LiveStats } from "@/lib/checkin/live-stats";
import { formatTime } from "@/lib/time/format";
import { formatRatio } from "@/lib/reports/format-rate";

interface Props {
  conferenceId: number;
  siteId?: number;
  title: string;
  place: string;
  initial: LiveStats;
}

export function LiveCounterClient({ conferenceId, siteId, title, place, initial }: Props) {
  const t = useTranslations("live");
  const [stats, setStats] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const url = `/api/conferences/${conferenceId}/live${siteId ? `?site=${siteId}` : ""}`;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        setStats(await response.json());
        setStale(false);
      } catch {
        setStale(true);
      }
    }, 1500);
    return () => clearInterval(timer);
  }, [conferenceId, siteId]);

  const rate = formatRatio(stats.present, stats.invited);
  const peak = Math.max(1, ...stats.arrivals.map((a) => a.n));
  const recent = stats.arrivals.slice(-24);
  return (
    <main className="live">
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
      <div className="live-chart" role="img" aria-label={t("chart")}>
        {recent.map((a) => (
          <div key={a.at} className="live-bar" title={`${formatTime(new Date(a.at))}: ${a.n}`}>
            <div style={{ height: `${(a.n / peak) * 100}%` }} />
            <span>{formatTime(new Date(a.at))}</span>
          </div>
        ))}
      </div>
      <p className={`live-updated${stale ? " stale" : ""}`}>{stale ? t("stale") : t("updated", { time: formatTime(new Date(stats.at)) })}</p>
    </main>
  );
}
