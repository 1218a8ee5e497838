"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DoorAnswer } from "@/lib/checkin/device/door-device";
import { registerDoorServiceWorker } from "@/lib/checkin/device/service-worker";
import { cleanTokenText } from "@/lib/tokens/normalize-token";
import { DoorCamera } from "./door-camera";
import { DoorFollowUp } from "./door-followup";
import { useDoorSound } from "./door-sound";
import { DoorStatus, SyncConflicts } from "./door-status";
import { RosterSearch } from "./roster-search";
import { useDoorDevice } from "./use-door-device";
import { colourOf, VerdictPanel } from "./verdict-panel";
import { WalkInForm, type WalkInPerson } from "./walk-in-form";

interface Props {
  siteId: number;
  conferenceId: number;
  venue: string;
  title: string;
  time: string;
  /** The signed-in cadre: the duplicate verdict names who scanned first, offline too. */
  scannerName: string;
  /** Said above the panel when the door is not open now (an admin or organiser may still open the page). */
  closedNotice: string | null;
  canWalkIn: boolean;
  canUndo: boolean;
}

type Method = "camera" | "hardware" | "manual";

/** The same code read again within this time is the same person (scanners often send twice). */
const REPEAT_MS = { camera: 3000, hardware: 2000, manual: 0 };

/** A phone or tablet: the camera is the main tool there, a keyboard-wedge scanner on a desktop (CSS orders them the same way). */
const isTouchDevice = () => typeof window !== "undefined" && window.matchMedia("(pointer: coarse)").matches;

/**
 * The door page: the verdict panel and its follow-ups above, the tools below (hardware scanner's
 * field, camera, search by name, walk-in), the device's state and sync results around them.
 * Every way in ends in `submit` (or the walk-in), answered by the door device (lib/checkin/device).
 */
export function ScannerClient({ siteId, conferenceId, venue, title, time, scannerName, closedNotice, canWalkIn, canUndo }: Props) {
  const t = useTranslations("scan");
  const tDoor = useTranslations("door");
  const { device, state } = useDoorDevice(
    siteId,
    { networkError: t("networkError"), sessionExpired: t("sessionExpired"), noRoster: t("noRoster") },
    scannerName,
  );
  const sound = useDoorSound();
  const [shown, setShown] = useState<{ answer: DoorAnswer; seq: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const last = useRef<{ token: string; at: number } | null>(null);
  const busy = useRef(false);
  const online = state?.connection !== "offline";

  // Installable and usable offline: the service worker keeps this page and its code (lib/checkin/device/service-worker.ts).
  useEffect(() => registerDoorServiceWorker(), []);
  // The hardware scanner's field takes the focus on a desktop; on a phone that would open the keyboard over the camera.
  useEffect(() => {
    if (!isTouchDevice()) input.current?.focus();
  }, []);
  const focusInput = useCallback(() => input.current?.focus(), []);

  const show = useCallback(
    (answer: DoorAnswer) => {
      setShown((previous) => ({ answer, seq: (previous?.seq ?? 0) + 1 }));
      sound.play(colourOf(answer) ?? "red");
    },
    [sound],
  );

  const submit = useCallback(
    async (what: { token: string } | { invitationId: number }, method: Method) => {
      if (!device) return;
      const key = "token" in what ? what.token : `#${what.invitationId}`;
      if (!key) return;
      const now = Date.now();
      if (last.current && last.current.token === key && now - last.current.at < REPEAT_MS[method]) return;
      last.current = { token: key, at: now };
      sound.ready();
      busy.current = true;
      try {
        show(await device.scan(what, method));
      } finally {
        busy.current = false;
      }
    },
    [device, show, sound],
  );
  // Keyboard-wedge scanners with Caps Lock send lowercase, and through a Vietnamese input method "DD" comes as "Đ":
  // the text is cleaned here and its readings tried by the judges (lib/tokens/normalize-token.ts).
  const submitText = useCallback((raw: string, method: Method) => submit({ token: cleanTokenText(raw) }, method), [submit]);
  const onCameraCode = useCallback((raw: string) => submitText(raw, "camera"), [submitText]);

  async function walkIn(person: WalkInPerson) {
    if (!device) return;
    sound.ready();
    show(await device.walkIn(person));
  }

  const answer = shown?.answer ?? null;
  const result = answer?.kind === "result" ? answer.result : null;
  const offlineNote =
    answer && answer.kind !== "error" && answer.offline ? (online && state?.queued === 0 ? t("offlineVerdictSynced") : t("offlineVerdict")) : null;

  return (
    <div className="scanner">
      <header className="scanner-head">
        <div>
          <p className="muted small">{title}</p>
          <h1>{venue}</h1>
          <p className="muted small">{time}</p>
        </div>
        <div className="scanner-head-side">
          <p className="scanner-count" data-testid="present-count">
            {state?.rosterReady ? t("present", { present: state.present, invited: state.invited }) : "…"}
          </p>
          <a className="small" href={`/conferences/${conferenceId}/live?site=${siteId}`} target="_blank" rel="noopener">
            {tDoor("openLive")}
          </a>
        </div>
      </header>

      {closedNotice ? (
        <p className="notice error" data-testid="door-closed-notice">
          {closedNotice}
        </p>
      ) : null}
      {state ? <DoorStatus state={state} /> : null}

      <VerdictPanel shown={answer} offlineNote={offlineNote} />

      {/* A new verdict starts its follow-ups afresh (closed, no note). */}
      <DoorFollowUp key={shown?.seq ?? 0} siteId={siteId} device={device} result={result} online={online} canUndo={canUndo} focusInput={focusInput} />

      <div className="scanner-tools">
        <section className="card stack-sm scanner-wedge" aria-labelledby="hw-title">
          <h2 id="hw-title">{t("hardwareTitle")}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const value = input.current?.value ?? "";
              if (input.current) input.current.value = "";
              void submitText(value, "hardware").then(() => input.current?.focus());
            }}
          >
            <label htmlFor="scan-input" className="visually-hidden">
              {t("hardwareLabel")}
            </label>
            <input
              id="scan-input"
              ref={input}
              className="scan-input"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder={t("hardwarePlaceholder")}
            />
          </form>
        </section>

        <DoorCamera onCode={onCameraCode} busy={busy} />

        <RosterSearch device={device} siteId={siteId} onCheckIn={(invitationId) => void submit({ invitationId }, "manual")} />
        {canWalkIn ? <WalkInForm onSubmit={walkIn} /> : null}
      </div>
      {state ? <SyncConflicts conflicts={state.conflicts} onRetry={(nonce) => void device?.retry(nonce)} /> : null}
    </div>
  );
}
