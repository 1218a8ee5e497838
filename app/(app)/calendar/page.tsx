import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CalendarClient } from "@/components/calendar/calendar-client";
import { CalendarFilters } from "@/components/calendar/calendar-filters";
import { UnitFeedsClient } from "@/components/calendar/unit-feeds-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getKindLabels } from "@/lib/organisation/get-kind-labels";
import { listCalendarEvents } from "@/lib/calendar/list-calendar-events";
import { listUnitFeeds } from "@/lib/calendar/unit-feeds";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { serverEnv } from "@/lib/env";
import { can } from "@/lib/permissions";
import { calendarQuerySchema } from "@/lib/schemas/calendar";
import { zonedDateKey } from "@/lib/time/zone";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("calendar"))("title") };
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requirePageUser("conference:read");
  const t = await getTranslations();
  const query = calendarQuerySchema.parse(await searchParams);
  const campaignId = query.campaign ?? (await getCurrentCampaign(db, user))?.id;
  const events = await listCalendarEvents(db, user, { campaignId, level: query.level, unitId: query.unit, bodyKind: query.body });
  const units = await listUnits(db, user);
  // The legend names the kinds of body on the calendar now (kinds are data: a province may have many).
  const shownKinds = new Set(events.map((e) => e.bodyKind));
  const legend = (await getKindLabels()).bodyKinds.filter((k) => shownKinds.has(k.key));
  const baseUrl = (serverEnv().NEXTAUTH_URL ?? "").replace(/\/$/, "");
  const feeds = can(user.role, "campaign:read")
    ? (await listUnitFeeds(db, user)).map((f) => ({ id: f.id, unitName: f.unitName, url: `${baseUrl}/api/feeds/${f.token}.ics` }))
    : null;
  // Open where the events are when no date is asked for (a past campaign would otherwise show an empty month).
  const today = new Date().toISOString();
  const firstUpcoming = events.find((e) => e.end >= today) ?? events[0];
  const initialDate = query.date ?? (firstUpcoming ? zonedDateKey(new Date(firstUpcoming.start)) : undefined);
  // Months that have conferences, to jump to (a campaign may be years away from today).
  const months = new Map<string, number>();
  for (const e of events) {
    const month = zonedDateKey(new Date(e.start)).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
  }
  const monthLink = (month: string) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, campaign: campaignId, date: `${month}-01` })) if (v !== undefined) params.set(k, String(v));
    return `/calendar?${params}`;
  };

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("calendar.title")}</h1>
        <p className="muted" data-testid="event-count">
          {t("conferences.count", { count: events.length })}
        </p>
      </div>
      <CalendarFilters query={{ ...query, campaign: campaignId }} units={units} canWrite={can(user.role, "conference:write")} />
      <ul className="legend" aria-label={t("calendar.legend")}>
        {legend.map((k) => (
          <li key={k.key}>
            <span className="swatch" style={{ background: k.colour }} aria-hidden="true" /> {k.label}
          </li>
        ))}
      </ul>
      {months.size > 1 ? (
        <nav className="month-jump" aria-label={t("calendar.months")}>
          <span className="muted">{t("calendar.months")}:</span>
          {[...months].sort().map(([month, n]) => (
            <Link key={month} href={monthLink(month)}>
              {month.slice(5)}/{month.slice(0, 4)} ({n})
            </Link>
          ))}
        </nav>
      ) : null}
      <section className="card calendar-card">
        <CalendarClient events={events} locale={await getLocale()} initialView={query.view} initialDate={initialDate} />
      </section>
      {feeds ? (
        <section className="card" aria-labelledby="feeds-title">
          <h2 id="feeds-title">{t("feeds.title")}</h2>
          <UnitFeedsClient feeds={feeds} units={units} />
        </section>
      ) : null}
    </div>
  );
}
