"use client";

import FullCalendar, { type CalendarRef, type EventDropInfo, type LocaleInput } from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import interactionPlugin from "@fullcalendar/react/interaction";
import listPlugin from "@fullcalendar/react/list";
import viLocale from "@fullcalendar/react/locales/vi";
import classicThemePlugin from "@fullcalendar/react/themes/classic";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { moveConferenceAction } from "@/lib/conferences/actions";
import type { CalendarEvent } from "@/lib/calendar/list-calendar-events";
import { formatDate } from "@/lib/time/format";
import { APP_TIME_ZONE, zonedDateKey } from "@/lib/time/zone";

interface Props {
  events: CalendarEvent[];
  locale: string;
  initialView?: string;
  initialDate?: string;
}

const noSubscription = () => () => {};

/** FullCalendar's own Vietnamese strings, in NFC: its "Tuần" is decomposed (NFD). Ours below override them anyway. */
const nfc = (text: string) => text.normalize("NFC");
const viLocaleNfc = Object.fromEntries(Object.entries(viLocale).map(([k, v]) => [k, typeof v === "string" ? nfc(v) : v])) as LocaleInput;

/** A day as FullCalendar's formatter hands it over (month counted from 0), shown dd/MM/yyyy like every other date. */
type DayParts = { year: number; month: number; day: number };
const pad = (n: number) => String(n).padStart(2, "0");
const dayMonth = (d: DayParts) => `${pad(d.day)}/${pad(d.month + 1)}`;
const fullDate = (d: DayParts) => `${dayMonth(d)}/${d.year}`;
const weekday = (d: DayParts) => new Date(Date.UTC(d.year, d.month, d.day)).getUTCDay();
/** The day before an exclusive end (a week view ends at 00:00 on the next Monday). */
const lastDay = (end: DayParts) => {
  const date = new Date(Date.UTC(end.year, end.month, end.day) - 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
};

type Delta = { years: number; months: number; days: number; milliseconds: number };
/** Vietnam has no daylight saving: a calendar day is always 24 hours. */
const deltaMs = (d: Delta) => (d.years || d.months ? null : d.days * 86_400_000 + d.milliseconds);

export function CalendarClient({ events, locale, initialView, initialDate }: Props) {
  const t = useTranslations("calendar");
  const p = useTranslations("polish.calendar");
  // Every label FullCalendar draws comes from our messages, in NFC (none from its locale files).
  const labels = useMemo(() => {
    const weekdays = p("weekdays").split(",").map(nfc);
    const weekdaysLong = p("weekdaysLong").split(",").map(nfc);
    const unitNames: Record<string, string> = { month: p("month"), week: p("week"), day: p("today"), list: p("list") };
    const unitOf = (text: string, unit: string) => nfc(unitNames[unit] ?? text).toLocaleLowerCase(locale);
    return {
      todayText: nfc(p("today")),
      monthText: nfc(p("month")),
      weekTextLong: nfc(p("week")),
      weekTextShort: nfc(p("week")),
      listText: nfc(p("list")),
      prevText: nfc(p("previous")),
      nextText: nfc(p("next")),
      allDayText: nfc(p("allDay")),
      closeHint: nfc(p("close")),
      eventsHint: nfc(p("events")),
      viewChangeHint: nfc(p("viewChangeHint")),
      todayHint: nfc(p("todayHint")),
      prevHint: (text: string, unit: string) => nfc(p("previousHint", { unit: unitOf(text, unit) })),
      nextHint: (text: string, unit: string) => nfc(p("nextHint", { unit: unitOf(text, unit) })),
      viewHint: (text: string) => nfc(p("viewHint", { view: nfc(text).toLocaleLowerCase(locale) })),
      navLinkHint: (text: string) => nfc(p("goTo", { date: text })),
      moreLinkText: (n: number) => nfc(p("moreLink", { count: n })),
      moreLinkHint: (n: number) => nfc(p("moreLinkHint", { count: n })),
      noEventsText: nfc(t("noEvents")),
      // Dates as everywhere else: dd/MM/yyyy, 24-hour times, weekday names from our messages.
      monthTitle: ({ date }: { date: DayParts }) => nfc(p("monthTitle", { month: pad(date.month + 1), year: date.year })),
      weekTitle: ({ start, end }: { start: DayParts; end?: DayParts | null }) =>
        nfc(p("weekTitle", { from: fullDate(start), to: fullDate(end ? lastDay(end) : start) })),
      dayHeader: ({ date }: { date: DayParts }) => `${weekdays[weekday(date)]} ${dayMonth(date)}`,
      weekdayHeader: ({ date }: { date: DayParts }) => weekdays[weekday(date)],
      listDay: ({ date }: { date: DayParts }) => fullDate(date),
      listDayAlt: ({ date }: { date: DayParts }) => weekdaysLong[weekday(date)],
    };
  }, [p, t, locale]);
  const ref = useRef<CalendarRef>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [viewType, setViewType] = useState(initialView ?? "dayGridMonth");
  // FullCalendar is drawn in the browser only: rendered on the server it kept every render's
  // state alive (the soak test ran the server out of memory on /calendar). The server sends
  // the plain list below instead, readable before the script runs.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  // Phones get the list view unless the link asks for another.
  useEffect(() => {
    if (mounted && !initialView && window.matchMedia("(max-width: 760px)").matches) ref.current?.getApi().changeView("listMonth");
  }, [initialView, mounted]);

  // A place name shared by two units (Tỉnh and Thành phố Quảng Ngãi) is not enough: those show the unit's name.
  const unitsByPlace = new Map<string, Set<string>>();
  for (const e of events) unitsByPlace.set(e.unitPlace, (unitsByPlace.get(e.unitPlace) ?? new Set()).add(e.unitName));
  const shortLabel = (e: CalendarEvent) => ((unitsByPlace.get(e.unitPlace)?.size ?? 0) > 1 ? e.unitName : e.unitPlace);

  // Month cells and week columns are narrow: the time and the unit's place ("Ba Tơ"); the colour says
  // the body (legend), the full title is on hover and in the list.
  const shortEvent = (arg: { timeText: string; timeClass: string; titleClass: string; event: { extendedProps: Record<string, unknown> } }) => (
    <>
      {arg.timeText ? <span className={arg.timeClass}>{arg.timeText}</span> : null}
      <span className={arg.titleClass}>
        {arg.event.extendedProps.cancelled ? `${t("cancelledPrefix")} ` : ""}
        {String(arg.event.extendedProps.unitPlace)}
      </span>
    </>
  );

  async function move(info: EventDropInfo, startDelta: Delta, endDelta: Delta) {
    const startDeltaMs = deltaMs(startDelta);
    const endDeltaMs = deltaMs(endDelta);
    if (startDeltaMs === null || endDeltaMs === null) {
      info.revert();
      return;
    }
    const input = { conferenceId: Number(info.event.id), startDeltaMs, endDeltaMs, confirmWarnings: false };
    let result = await moveConferenceAction(input);
    if (!result.ok && result.needsConfirm) {
      const warnings = (result.conflicts ?? []).map((c) => `• ${c.message}`).join("\n");
      if (window.confirm(`${t("confirmWarnings")}\n\n${warnings}`)) result = await moveConferenceAction({ ...input, confirmWarnings: true });
    }
    if (!result.ok) {
      info.revert();
      const reasons = (result.conflicts ?? []).map((c) => c.message).join(" ");
      setMessage({ ok: false, text: `${t("moveRefused")} ${reasons || result.message || ""}`.trim() });
      return;
    }
    setMessage({ ok: true, text: result.message ?? t("moved") });
  }

  return (
    <div className="calendar">
      <p className={`notice ${message?.ok ? "success" : "error"}${message ? "" : " visually-hidden"}`} role="status" data-testid="calendar-message">
        {message?.text ?? ""}
      </p>
      {mounted && viewType === "timeGridWeek" ? <p className="muted small calendar-hint">{p("workingHours")}</p> : null}
      {!mounted ? (
        <ul className="item-list calendar-fallback" data-testid="calendar-fallback">
          {events.map((e) => (
            <li key={e.id}>
              <a href={`/conferences/${e.id}`}>{e.title}</a> <span className="muted small">{`${formatDate(new Date(e.start))} · ${e.unitName}`}</span>
            </li>
          ))}
        </ul>
      ) : (
        <FullCalendar
          ref={ref}
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicThemePlugin]}
          locales={[viLocaleNfc]}
          locale={locale}
          timeZone={APP_TIME_ZONE}
          firstDay={1}
          initialView={initialView ?? "dayGridMonth"}
          initialDate={initialDate}
          headerToolbar={{ start: "prev,next today", center: "title", end: "dayGridMonth,timeGridWeek,listMonth" }}
          todayText={labels.todayText}
          monthText={labels.monthText}
          weekTextLong={labels.weekTextLong}
          weekTextShort={labels.weekTextShort}
          listText={labels.listText}
          prevText={labels.prevText}
          nextText={labels.nextText}
          allDayText={labels.allDayText}
          closeHint={labels.closeHint}
          eventsHint={labels.eventsHint}
          viewChangeHint={labels.viewChangeHint}
          todayHint={labels.todayHint}
          prevHint={labels.prevHint}
          nextHint={labels.nextHint}
          viewHint={labels.viewHint}
          navLinkHint={labels.navLinkHint}
          moreLinkText={labels.moreLinkText}
          moreLinkHint={labels.moreLinkHint}
          noEventsText={labels.noEventsText}
          // The week grid has a height of its own, so its hours scroll inside it (working hours first: scrollTime);
          // the month and the list grow with their content.
          height={viewType === "timeGridWeek" ? 760 : "auto"}
          eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
          slotHeaderFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
          dayMaxEventRows={4}
          views={{
            dayGridMonth: {
              titleFormat: labels.monthTitle,
              dayHeaderFormat: labels.weekdayHeader,
              eventContent: shortEvent,
            },
            // Working hours on screen, the rest of the day a scroll away inside the grid; conferences are never "all day".
            timeGridWeek: {
              titleFormat: labels.weekTitle,
              dayHeaderFormat: labels.dayHeader,
              eventContent: shortEvent,
              // Three conferences side by side leave a column too narrow for "07:30–17:00": the start, the block shows the length.
              displayEventEnd: false,
              scrollTime: "07:00:00",
              scrollTimeReset: false,
              allDaySlot: false,
              businessHours: { daysOfWeek: [1, 2, 3, 4, 5], startTime: "07:00", endTime: "17:30" },
            },
            listMonth: { titleFormat: labels.monthTitle, listDayFormat: labels.listDay, listDayAltFormat: labels.listDayAlt },
          }}
          viewClass={(info) => `qt-view qt-view-${info.view.type}`}
          eventTimeClass="qt-event-time"
          eventTitleClass="qt-event-title"
          listItemEventTimeClass="qt-event-time"
          listItemEventTitleClass="qt-list-title"
          events={events.map((e) => ({
            id: String(e.id),
            // The body tells events apart in a month cell; the full title follows (and shows on hover).
            title: `${e.status === "cancelled" ? `${t("cancelledPrefix")} ` : ""}${e.bodyName} — ${e.title}`,
            start: e.start,
            end: e.end,
            url: `/conferences/${e.id}`,
            editable: e.editable,
            color: e.colour,
            classNames: [`status-${e.status}`],
            extendedProps: { unitName: e.unitName, unitPlace: shortLabel(e), venue: e.venue, fullTitle: e.title, cancelled: e.status === "cancelled" },
          }))}
          eventDidMount={(arg) => {
            arg.el.setAttribute("title", `${arg.event.title}\n${arg.event.extendedProps.unitName} · ${arg.event.extendedProps.venue}`);
          }}
          eventDrop={(info) => move(info, info.delta, info.delta)}
          eventResize={(info) => move(info as unknown as EventDropInfo, info.startDelta, info.endDelta)}
          datesSet={() => {
            const api = ref.current?.getApi();
            if (!api) return;
            setViewType(api.view.type);
            const url = new URL(window.location.href);
            url.searchParams.set("view", api.view.type);
            url.searchParams.set("date", zonedDateKey(api.getDate()));
            window.history.replaceState(null, "", url);
          }}
        />
      )}
    </div>
  );
}
