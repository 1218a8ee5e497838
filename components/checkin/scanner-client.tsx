"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { matchesPhoneTail } from "@/lib/checkin/shared/roster-format";
import { DoorDevice, type DoorAnswer, type DoorState } from "@/lib/checkin/device/door-device";
import { registerDoorServiceWorker } from "@/lib/checkin/device/service-worker";
import { foldForSearch } from "@/lib/text/fold";
import { cleanTokenText } from "@/lib/tokens/normalize-token";
import { formatTime } from "@/lib/time/format";
import { DoorStatus, SyncConflicts } from "./door-status";
import { colourOf, VerdictPanel } from "./verdict-panel";

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

async function postJson(url: string, body: unknown) {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { ok: response.ok, body: await response.json().catch(() => ({})) };
  } catch {
    return { ok: false, body: {} };
  }
}

/** The same code read again within this time is the same person (scanners often send twice). */
const REPEAT_MS = { camera: 3000, hardware: 2000, manual: 0 };
/** The camera is decoded on each new frame, but not more often than this (a phone's CPU and battery). */
const MIN_DECODE_GAP_MS = 80;

const noSubscription = () => () => {};
/** The door device for this site, made in an effect (browser only) and followed with useSyncExternalStore. */
function useDoorDevice(siteId: number, messages: ConstructorParameters<typeof DoorDevice>[1], scannerName: string) {
  const [device, setDevice] = useState<DoorDevice | null>(null);
  const messagesRef = useRef(messages);
  const nameRef = useRef(scannerName);
  useEffect(() => {
    const door = new DoorDevice(siteId, messagesRef.current, { scannerName: nameRef.current });
    setDevice(door);
    void door.start();
    return () => door.stop();
  }, [siteId]);
  const state = useSyncExternalStore<DoorState | null>(
    device?.subscribe ?? noSubscription,
    () => device?.getSnapshot() ?? null,
    () => null,
  );
  return { device, state };
}

type Detector = { detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]> };
let decoder: Promise<Detector> | null = null;

/**
 * The QR decoder (barcode-detector with its wasm served by this app, never from a CDN), loaded
 * and warmed once per page as soon as the door page opens: the wasm fetched, compiled and
 * instantiated, and one blank camera-sized frame decoded, so that "Bật camera" only has to start
 * the camera and its first frame decodes at full speed (issue 15; `npm run bench:camera`).
 */
function loadDecoder(): Promise<Detector> {
  decoder ??= (async () => {
    const { BarcodeDetector, prepareZXingModule } = await import("barcode-detector/ponyfill");
    // Starts fetching and compiling the wasm now; the warm-up decode below waits for it.
    void prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? "/zxing/zxing_reader.wasm" : prefix + path) },
      fireImmediately: true,
    });
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    await detector.detect(new ImageData(640, 480)).catch(() => []);
    return detector;
  })().catch((error) => {
    decoder = null;
    throw error;
  });
  return decoder;
}

/** A phone or tablet: the camera is the main tool there, a keyboard-wedge scanner on a desktop (CSS orders them the same way). */
const isTouchDevice = () => typeof window !== "undefined" && window.matchMedia("(pointer: coarse)").matches;

/**
 * The page's AudioContext, made when the page opened (suspended until the user has touched the
 * page: browsers' autoplay rule); resumed at a scan, which follows a tap or a scanner's keys.
 */
function soundReady(audio: { current: AudioContext | null }) {
  audio.current ??= typeof AudioContext === "undefined" ? null : new AudioContext();
  if (audio.current?.state === "suspended") void audio.current.resume().catch(() => undefined);
}

/** A distinct sound per colour, made with Web Audio (no files to download). */
function beep(colour: "green" | "amber" | "red", context: AudioContext | null) {
  if (!context) return;
  const tones =
    colour === "green"
      ? [[880, 0.12]]
      : colour === "amber"
        ? [
            [660, 0.1],
            [660, 0.1],
          ]
        : [[220, 0.45]];
  let at = context.currentTime;
  for (const [frequency, length] of tones) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = frequency;
    osc.type = colour === "red" ? "square" : "sine";
    gain.gain.value = 0.2;
    osc.connect(gain).connect(context.destination);
    osc.start(at);
    osc.stop(at + length);
    at += length + 0.06;
  }
}

export function ScannerClient({ siteId, conferenceId, venue, title, time, scannerName, closedNotice, canWalkIn, canUndo }: Props) {
  const t = useTranslations("scan");
  const tDoor = useTranslations("door");
  const { device, state } = useDoorDevice(
    siteId,
    { networkError: t("networkError"), sessionExpired: t("sessionExpired"), noRoster: t("noRoster") },
    scannerName,
  );
  const [shown, setShown] = useState<DoorAnswer | null>(null);
  const [query, setQuery] = useState("");
  // Whether the camera should run (the effect's trigger) apart from how it is doing (display only),
  // so that reporting "on" does not restart it.
  const [cameraWanted, setCameraWanted] = useState(false);
  const [camera, setCamera] = useState<"off" | "starting" | "on" | "error">("off");
  const [facing, setFacing] = useState<"environment" | "user">("environment");
  // The torch: shown only when the camera says it has one (MediaStreamTrack capabilities).
  const [torch, setTorch] = useState<"unsupported" | "off" | "on">("unsupported");
  const track = useRef<MediaStreamTrack | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const last = useRef<{ token: string; at: number } | null>(null);
  const audio = useRef<AudioContext | null>(null);
  const busy = useRef(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [substituteOpen, setSubstituteOpen] = useState(false);
  /** The undo's confirmation step: open, and its refusal (a reason too short). */
  const [undoOpen, setUndoOpen] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const safety = useTranslations("safety");
  const online = state?.connection !== "offline";

  // Installable and usable offline: the service worker keeps this page and its code (lib/checkin/device/service-worker.ts).
  useEffect(() => registerDoorServiceWorker(), []);
  // The decoder is made ready while the page opens, not when the camera starts; so is the sound
  // (making an AudioContext took 50–130 ms, which the first scan used to wait for).
  useEffect(() => void loadDecoder().catch(() => undefined), []);
  useEffect(() => {
    const timer = setTimeout(() => {
      audio.current ??= typeof AudioContext === "undefined" ? null : new AudioContext();
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  // The hardware scanner's field takes the focus on a desktop; on a phone that would open the keyboard over the camera.
  useEffect(() => {
    if (!isTouchDevice()) input.current?.focus();
  }, []);

  const show = useCallback((answer: DoorAnswer) => {
    setShown(answer);
    setNote(null);
    setSubstituteOpen(false);
    setUndoOpen(false);
    const colour = colourOf(answer);
    beep(colour ?? "red", audio.current);
  }, []);

  const submit = useCallback(
    async (what: { token: string } | { invitationId: number }, method: Method) => {
      if (!device) return;
      const key = "token" in what ? what.token : `#${what.invitationId}`;
      if (!key) return;
      const now = Date.now();
      if (last.current && last.current.token === key && now - last.current.at < REPEAT_MS[method]) return;
      last.current = { token: key, at: now };
      soundReady(audio);
      busy.current = true;
      try {
        show(await device.scan(what, method));
      } finally {
        busy.current = false;
      }
    },
    [device, show],
  );
  // Keyboard-wedge scanners with Caps Lock send lowercase, and through a Vietnamese input method "DD" comes as "Đ":
  // the text is cleaned here and its readings tried by the judges (lib/tokens/normalize-token.ts).
  const submitText = useCallback((raw: string, method: Method) => submit({ token: cleanTokenText(raw) }, method), [submit]);

  // The camera: the warmed decoder (loadDecoder) on each new frame, as soon as the frame arrives.
  useEffect(() => {
    if (!cameraWanted) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    void (async () => {
      try {
        const media = navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facing } }, audio: false });
        stream = await media;
        const detector = await loadDecoder();
        if (stopped || !video.current) {
          stream.getTracks().forEach((t) => t.stop());
          return;
        }
        const element = video.current;
        element.srcObject = stream;
        await element.play();
        setCamera("on");
        const [videoTrack] = stream.getVideoTracks();
        track.current = videoTrack ?? null;
        const capabilities = (videoTrack?.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean };
        setTorch(capabilities.torch ? "off" : "unsupported");
        // Each new frame (requestVideoFrameCallback, else a short timer), at most one decode every
        // MIN_DECODE_GAP_MS so that a phone is not kept decoding flat out.
        let lastDecode = 0;
        const nextFrame = () => {
          if (stopped) return;
          if (typeof element.requestVideoFrameCallback === "function") element.requestVideoFrameCallback(() => void onFrame());
          else timer = setTimeout(() => void onFrame(), MIN_DECODE_GAP_MS);
        };
        const onFrame = async () => {
          if (stopped) return;
          if (!busy.current && element.readyState >= 2 && performance.now() - lastDecode >= MIN_DECODE_GAP_MS) {
            lastDecode = performance.now();
            const codes = await detector.detect(element).catch(() => []);
            if (!stopped && codes[0]?.rawValue) {
              // Read by `npm run bench:camera` (the decode's share of the time to the verdict); nothing else uses them.
              performance.measure("qt-door-decode", { start: lastDecode });
              await submitText(codes[0].rawValue, "camera");
            }
          }
          nextFrame();
        };
        // A frame is there once play() has resolved: decode it now rather than wait for the next one.
        void onFrame();
      } catch {
        if (!stopped) {
          setCamera("error");
          setCameraWanted(false);
        }
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
      track.current = null;
      setTorch("unsupported");
      setCamera("off");
    };
  }, [cameraWanted, facing, submitText]);

  async function toggleTorch() {
    const on = torch !== "on";
    try {
      await track.current?.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      setTorch(on ? "on" : "off");
    } catch {
      setTorch("unsupported");
    }
  }

  const shownInvitation = shown?.kind === "result" ? shown.result.invitationId : undefined;

  async function saveSubstitute(form: FormData) {
    if (!shownInvitation) return;
    const { ok, body } = await postJson("/api/checkin/substitute", {
      siteId,
      invitationId: shownInvitation,
      name: String(form.get("name") ?? ""),
      position: String(form.get("position") ?? ""),
    });
    setNote(ok ? { ok: true, text: t("substituteSaved") } : { ok: false, text: body.message ?? t("networkError") });
    if (ok) setSubstituteOpen(false);
    input.current?.focus();
  }

  /** Undoes the shown check-in, once the step has said what it does and the reason is given. */
  async function undo(form: FormData) {
    if (!shownInvitation) return;
    const reason = String(form.get("reason") ?? "").trim();
    if (reason.length < 3 || reason.length > 500) {
      setUndoError(safety(reason.length < 3 ? "errors.reasonTooShort" : "errors.reasonTooLong"));
      return;
    }
    const { ok, body } = await postJson("/api/checkin/undo", { siteId, invitationId: shownInvitation, reason });
    if (ok) {
      setUndoOpen(false);
      setUndoError(null);
      await device?.forget(shownInvitation);
      // Back to the scanner's input: the next guest is already at the door. Before the note, so that
      // a cadre who starts typing elsewhere once it shows does not lose the focus to this.
      input.current?.focus();
    }
    setNote(ok ? { ok: true, text: t("undone") } : { ok: false, text: body.message ?? t("networkError") });
  }

  async function walkIn(form: FormData) {
    if (!device) return;
    soundReady(audio);
    show(
      await device.walkIn({
        fullName: String(form.get("fullName") ?? "").trim(),
        position: String(form.get("position") ?? ""),
        workplace: String(form.get("workplace") ?? ""),
      }),
    );
  }

  const folded = foldForSearch(query);
  const digits = folded.replace(/\D/g, "");
  const entries = device?.roster?.entries.filter((e) => e.siteId === siteId && e.status === "issued") ?? [];
  const matches = folded.length >= 2 ? entries.filter((e) => foldForSearch(e.name).includes(folded) || matchesPhoneTail(e.phoneTail, digits)).slice(0, 20) : [];
  const result = shown?.kind === "result" ? shown.result : null;
  const offlineNote =
    shown && shown.kind !== "error" && shown.offline ? (online && state?.queued === 0 ? t("offlineVerdictSynced") : t("offlineVerdict")) : null;

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

      <VerdictPanel shown={shown} offlineNote={offlineNote} />

      {/* Always there, empty when the verdict has no follow-up: the camera below does not jump at each verdict. */}
      <div className="row-actions door-followup">
        {result?.invitationId && (result.verdict === "ok" || result.verdict === "duplicate") ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSubstituteOpen((v) => !v);
                setUndoOpen(false);
              }}
              disabled={!online}
              title={online ? undefined : t("needsNetwork")}
            >
              {t("substituteButton")}
            </button>
            {canUndo && result.verdict === "ok" ? (
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setUndoOpen((v) => !v);
                  setUndoError(null);
                  setSubstituteOpen(false);
                }}
                aria-expanded={undoOpen}
                disabled={!online}
                title={online ? undefined : t("needsNetwork")}
              >
                {t("undoButton")}
              </button>
            ) : null}
            {!online ? <span className="muted small">{t("needsNetwork")}</span> : null}
          </>
        ) : null}
      </div>
      {undoOpen && online && result?.attendee ? (
        <div className="card confirm-step danger" role="group" aria-labelledby="undo-title">
          <p className="confirm-step-title" id="undo-title">
            {safety("checkin.undoTitle", { name: result.attendee.name })}
          </p>
          <p className="small">{safety("checkin.undoHint")}</p>
          <form className="stack-sm" action={undo} noValidate>
            <div className={`field${undoError ? " has-error" : ""}`}>
              <label htmlFor="undo-reason">{safety("checkin.reason")}</label>
              <textarea
                id="undo-reason"
                name="reason"
                rows={2}
                minLength={3}
                maxLength={500}
                required
                autoFocus
                aria-invalid={undoError ? true : undefined}
                aria-describedby={undoError ? "undo-reason-error" : undefined}
              />
              {undoError ? (
                <p className="field-error" id="undo-reason-error">
                  {undoError}
                </p>
              ) : null}
            </div>
            <div className="row-actions">
              <button className="button danger solid" type="submit">
                {safety("checkin.confirmUndo")}
              </button>
              <button
                type="button"
                className="button subtle-dark"
                onClick={() => {
                  setUndoOpen(false);
                  input.current?.focus();
                }}
              >
                {safety("back")}
              </button>
            </div>
          </form>
        </div>
      ) : null}
      {substituteOpen && online ? (
        <form className="card form grid-2" action={saveSubstitute}>
          <div className="field">
            <label htmlFor="sub-name">{t("substituteName")}</label>
            <input id="sub-name" name="name" required minLength={2} maxLength={120} autoFocus />
          </div>
          <div className="field">
            <label htmlFor="sub-position">{t("substitutePosition")}</label>
            <input id="sub-position" name="position" maxLength={200} />
          </div>
          <div>
            <button className="button primary" type="submit">
              {t("substituteSave")}
            </button>
          </div>
        </form>
      ) : null}
      {note ? (
        <p className={`notice ${note.ok ? "success" : "error"}`} role="status" data-testid="door-note">
          {note.text}
        </p>
      ) : null}

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

        <section className="card stack-sm scanner-camera" aria-labelledby="cam-title" data-testid="camera-section">
          <h2 id="cam-title">{t("cameraTitle")}</h2>
          <video ref={video} className={`scan-video${camera === "on" ? "" : " hidden"}`} muted playsInline data-testid="camera-video" />
          {camera === "error" ? <p className="notice error">{t("cameraError")}</p> : null}
          <div className="row-actions">
            {camera === "off" || camera === "error" ? (
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  setCamera("starting");
                  setCameraWanted(true);
                }}
              >
                {t("cameraStart")}
              </button>
            ) : (
              <>
                <button type="button" className="button" onClick={() => setCameraWanted(false)}>
                  {t("cameraStop")}
                </button>
                <button type="button" className="button" onClick={() => setFacing((f) => (f === "environment" ? "user" : "environment"))}>
                  {t("cameraSwitch")}
                </button>
                {torch !== "unsupported" ? (
                  <button type="button" className="button" aria-pressed={torch === "on"} onClick={() => void toggleTorch()} data-testid="torch">
                    {torch === "on" ? tDoor("torchOff") : tDoor("torchOn")}
                  </button>
                ) : null}
              </>
            )}
          </div>
        </section>

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
                      <button type="button" className="button small primary" onClick={() => void submit({ invitationId: r.invitationId }, "manual")}>
                        {t("checkIn")}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>
        {canWalkIn ? (
          <section className="card stack-sm" aria-labelledby="walkin-title">
            <h2 id="walkin-title">{t("walkInTitle")}</h2>
            <form className="stack-sm" action={walkIn}>
              <label htmlFor="walkin-name">{t("walkInName")}</label>
              <input id="walkin-name" name="fullName" required minLength={2} maxLength={120} />
              <label htmlFor="walkin-position">{t("walkInPosition")}</label>
              <input id="walkin-position" name="position" maxLength={200} />
              <label htmlFor="walkin-workplace">{t("walkInWorkplace")}</label>
              <input id="walkin-workplace" name="workplace" maxLength={300} />
              <div>
                <button className="button" type="submit">
                  {t("walkInSubmit")}
                </button>
              </div>
            </form>
          </section>
        ) : null}
      </div>
      {state ? <SyncConflicts conflicts={state.conflicts} onRetry={(nonce) => void device?.retry(nonce)} /> : null}
    </div>
  );
}
