"use client";

import { useTranslations } from "next-intl";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";
import type { DoorAnswer } from "@/lib/checkin/device/door-device";
import { formatDate, formatDateTime, formatRange, formatTime } from "@/lib/time/format";

export const COLOUR: Record<string, "green" | "amber" | "red"> = { ok: "green", duplicate: "amber" };

/** The colour of an answer: green let in, amber already in, red anything else. */
export function colourOf(answer: DoorAnswer | null): "green" | "amber" | "red" | null {
  if (!answer) return null;
  if (answer.kind === "result") return COLOUR[answer.result.verdict] ?? "red";
  return answer.kind === "walk_in" ? "green" : "red";
}

/**
 * The big panel at the door: what the scan means, who it is, and for every amber or red verdict
 * what the door cadre does next (issue 15, docs/decisions/0025). The same for the server's answer
 * and the device's own (offline): both carry the same facts.
 */
export function VerdictPanel({ shown, offlineNote }: { shown: DoorAnswer | null; offlineNote: string | null }) {
  const t = useTranslations("scan");
  const result = shown?.kind === "result" ? shown.result : null;
  const colour = colourOf(shown);
  return (
    <section
      className={`verdict verdict-${colour ?? "idle"}`}
      role="status"
      aria-live="assertive"
      data-testid="verdict"
      data-verdict={result ? result.verdict : shown?.kind === "walk_in" ? "ok" : shown ? "error" : "idle"}
      data-offline={shown && shown.kind !== "error" ? String(shown.offline) : undefined}
    >
      {!shown ? <p className="verdict-title">{t("ready")}</p> : null}
      {shown?.kind === "error" ? <p className="verdict-title">{shown.message}</p> : null}
      {shown?.kind === "walk_in" ? (
        <>
          <p className="verdict-title">{t("verdict.ok")}</p>
          <p className="verdict-name">{shown.name}</p>
          <p>{t("walkInDone")}</p>
        </>
      ) : null}
      {result ? <ResultLines result={result} /> : null}
      {offlineNote ? <p className="verdict-offline">{offlineNote}</p> : null}
    </section>
  );
}

function ResultLines({ result }: { result: ScanResult }) {
  const t = useTranslations("scan");
  const d = useTranslations("door");
  const { verdict } = result;
  const first = result.firstCheckIn;
  const other = result.otherConference;
  const window = result.window;
  const reason = window?.reason;

  const at = (iso: string) => ({ time: formatTime(new Date(iso)), date: formatDate(new Date(iso)) });
  const title = (() => {
    switch (verdict) {
      case "duplicate":
        return first ? d("verdict.duplicate", { time: formatDateTime(new Date(first.scannedAt)) }) : t("short.duplicate");
      case "wrong_site":
        return result.expectedSite ? t("verdict.wrong_site", { venue: result.expectedSite.venue }) : t("wrongSiteUnnamed");
      case "wrong_conference":
        return d("verdict.wrongConference");
      case "not_open":
        if (!window) return t("short.not_open");
        if (reason === "not_yet") return d("verdict.notYet", at(window.opensAt));
        if (reason === "over") return d("verdict.over", at(window.closesAt));
        if (reason === "cancelled" || reason === "draft") return d(`verdict.${reason}`);
        return t("verdict.not_open", { opens: formatTime(new Date(window.opensAt)), closes: formatTime(new Date(window.closesAt)) });
      default:
        return t(`verdict.${verdict}`);
    }
  })();

  const advice = verdict === "ok" ? null : verdict === "not_open" ? (reason ? d(`advice.${reason}`) : null) : d(`advice.${verdict}`);
  return (
    <>
      <p className="verdict-title">{title}</p>
      {verdict === "duplicate" && first ? (
        <p className="verdict-detail" data-testid="verdict-first">
          {[first.scannerName ? d("verdict.by", { name: first.scannerName }) : "", first.siteVenue ? d("verdict.at", { venue: first.siteVenue }) : ""]
            .filter(Boolean)
            .join(" ")}{" "}
          <span className="verdict-device">({d("verdict.device", { device: first.deviceId })})</span>
        </p>
      ) : null}
      {verdict === "wrong_conference" && other ? (
        <div className="verdict-detail" data-testid="verdict-other">
          <p>{other.title}</p>
          <p className="verdict-other-facts">
            {[other.startsAt && other.endsAt ? formatRange(new Date(other.startsAt), new Date(other.endsAt)) : "", other.unitName ?? "", other.venue ?? ""]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
      ) : null}
      {verdict === "ok" && result.checkIn?.isLate ? <p className="verdict-late">{t("late")}</p> : null}
      {result.attendee ? (
        <div className="verdict-person">
          <p className="verdict-name">{result.attendee.name}</p>
          <p>{[result.attendee.position, result.attendee.workplace].filter(Boolean).join(", ")}</p>
          <p>{result.attendee.unitName}</p>
          {result.attendee.substituteName ? <p>{t("substitute", { name: result.attendee.substituteName })}</p> : null}
        </div>
      ) : null}
      {advice ? (
        <p className="verdict-advice" data-testid="verdict-advice">
          {advice}
        </p>
      ) : null}
    </>
  );
}
