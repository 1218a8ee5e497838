"use client";

import FullCalendar, { type CalendarRef, type EventDropInfo } from "@fullcalendar/react";
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
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { moveConferenceAction } from "@/app/(app)/conferences/actions";
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

type Delta = { years: number; months: number; days: number; milliseconds: number };
/** Vietnam has no daylight saving: a calendar day is always 24 hours. */
const deltaMs = (d: Delta) => (d.years || d.months ? null : d.days * 86_400_000 + d.milliseconds);

export function CalendarClient({ events, locale, initialView, initialDate }: Props) {
  const t = useTranslations("calendar");
  const ref = useRef<CalendarRef>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // FullCalendar is drawn in the browser only: rendered on the server it kept every render's
  // state alive (the soak test ran the server out of memory on /calendar). The server sends
  // the plain list below instead, readable before the script runs.
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);

  // Phones get the list view unless the link asks for another.
  useEffect(() => {
    if (mounted && !initialView && window.matchMedia("(max-width: 760px)").matches) ref.current?.getApi().changeView("listMonth");
  }, [initialView, mounted]);

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
        locales={[viLocale]}
        locale={locale}
        timeZone={APP_TIME_ZONE}
        firstDay={1}
        initialView={initialView ?? "dayGridMonth"}
        initialDate={initialDate}
        headerToolbar={{ start: "prev,next today", center: "title", end: "dayGridMonth,timeGridWeek,listMonth" }}
        noEventsText={t("noEvents")}
        height="auto"
        scrollTime="07:00:00"
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        slotHeaderFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        dayMaxEventRows={4}
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
          extendedProps: { unitName: e.unitName, venue: e.venue, fullTitle: e.title },
        }))}
        eventDidMount={(arg) => {
          arg.el.setAttribute("title", `${arg.event.extendedProps.fullTitle}\n${arg.event.extendedProps.unitName} · ${arg.event.extendedProps.venue}`);
        }}
        eventDrop={(info) => move(info, info.delta, info.delta)}
        eventResize={(info) => move(info as unknown as EventDropInfo, info.startDelta, info.endDelta)}
        datesSet={() => {
          const api = ref.current?.getApi();
          if (!api) return;
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
