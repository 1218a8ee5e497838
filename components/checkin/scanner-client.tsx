"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RosterEntry } from "@/lib/checkin/site-roster";
import type { ScanResult } from "@/lib/checkin/record-scan";
import { foldForSearch } from "@/lib/text/fold";
import { formatTime } from "@/lib/time/format";

interface Props {
  siteId: number;
  venue: string;
  title: string;
  time: string;
  roster: RosterEntry[];
  canWalkIn: boolean;
  canUndo: boolean;
}

type Method = "camera" | "hardware" | "manual";
type Shown = (ScanResult & { kind: "result" }) | { kind: "error"; message: string } | { kind: "walk_in"; name: string };

async function postJson(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}

const COLOUR: Record<string, "green" | "amber" | "red"> = { ok: "green", duplicate: "amber" };
/** The same code read again within this time is the same person (scanners often send twice). */
const REPEAT_MS = { camera: 3000, hardware: 2000, manual: 0 };

function deviceId(): string {
  const key = "quan-triet-device";
  let id = localStorage.getItem(key);
  if (!id) {
    id = `may-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    localStorage.setItem(key, id);
  }
  return id;
}

/** A distinct sound per colour, made with Web Audio (no files to download). */
function beep(colour: "green" | "amber" | "red", context: AudioContext | null) {
  if (!context) return;
  const tones = colour === "green" ? [[880, 0.12]] : colour === "amber" ? [[660, 0.1], [660, 0.1]] : [[220, 0.45]];
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

export function ScannerClient({ siteId, venue, title, time, roster, canWalkIn, canUndo }: Props) {
  const t = useTranslations("scan");
  const [shown, setShown] = useState<Shown | null>(null);
  const [present, setPresent] = useState(() => roster.filter((r) => r.checkedInAt).length);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [query, setQuery] = useState("");
  // Whether the camera should run (the effect's trigger) apart from how it is doing (display only),
  // so that reporting "on" does not restart it.
  const [cameraWanted, setCameraWanted] = useState(false);
  const [camera, setCamera] = useState<"off" | "starting" | "on" | "error">("off");
  const [facing, setFacing] = useState<"environment" | "user">("environment");
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const last = useRef<{ token: string; at: number } | null>(null);
  const audio = useRef<AudioContext | null>(null);
  const busy = useRef(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [substituteOpen, setSubstituteOpen] = useState(false);

  const submit = useCallback(
    async (raw: string, method: Method) => {
      // Keyboard-wedge scanners with Caps Lock send lowercase; tokens are uppercase Base32.
      const token = raw.replace(/\s+/g, "").toUpperCase();
      if (!token) return;
      const now = Date.now();
      if (last.current && last.current.token === token && now - last.current.at < REPEAT_MS[method]) return;
      last.current = { token, at: now };
      audio.current ??= typeof AudioContext === "undefined" ? null : new AudioContext();
      busy.current = true;
      try {
        const response = await fetch("/api/checkin", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token, siteId, deviceId: deviceId(), nonce: crypto.randomUUID(), scannedAt: now, method }),
        });
        const body = await response.json().catch(() => ({}));
        if (!response.ok) {
          setShown({ kind: "error", message: response.status === 401 ? t("sessionExpired") : (body.message ?? t("networkError")) });
          beep("red", audio.current);
          return;
        }
        const result = body as ScanResult;
        setShown({ kind: "result", ...result });
        setNote(null);
        setSubstituteOpen(false);
        beep(COLOUR[result.verdict] ?? "red", audio.current);
        if (result.verdict === "ok") {
          setPresent((n) => n + 1);
          setChecked((c) => ({ ...c, [token]: result.checkIn!.scannedAt }));
        }
      } catch {
        setShown({ kind: "error", message: t("networkError") });
        beep("red", audio.current);
      } finally {
        busy.current = false;
      }
    },
    [siteId, t],
  );

  // The camera: barcode-detector with its wasm served by this app, never from a CDN.
  useEffect(() => {
    if (!cameraWanted) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    (async () => {
      try {
        const { BarcodeDetector, prepareZXingModule } = await import("barcode-detector/ponyfill");
        prepareZXingModule({
          overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? "/zxing/zxing_reader.wasm" : prefix + path) },
          fireImmediately: true,
        });
        const detector = new BarcodeDetector({ formats: ["qr_code"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: facing } }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setCamera("on");
        const tick = async () => {
          if (stopped || !video.current) return;
          if (!busy.current && video.current.readyState >= 2) {
            const codes = await detector.detect(video.current).catch(() => []);
            if (codes[0]?.rawValue) await submit(codes[0].rawValue, "camera");
          }
          timer = setTimeout(tick, 120);
        };
        void tick();
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
      stream?.getTracks().forEach((track) => track.stop());
      setCamera("off");
    };
  }, [cameraWanted, facing, submit]);

  async function saveSubstitute(form: FormData) {
    if (shown?.kind !== "result" || !shown.invitationId) return;
    const { ok, body } = await postJson("/api/checkin/substitute", { siteId, invitationId: shown.invitationId, name: String(form.get("name") ?? ""), position: String(form.get("position") ?? "") });
    setNote(ok ? { ok: true, text: t("substituteSaved") } : { ok: false, text: body.message ?? t("networkError") });
    if (ok) setSubstituteOpen(false);
    input.current?.focus();
  }

  async function undo() {
    if (shown?.kind !== "result" || !shown.invitationId) return;
    const reason = window.prompt(t("undoReason"));
    if (!reason || reason.trim().length < 3) return;
    const { ok, body } = await postJson("/api/checkin/undo", { siteId, invitationId: shown.invitationId, reason });
    setNote(ok ? { ok: true, text: t("undone") } : { ok: false, text: body.message ?? t("networkError") });
    if (ok) setPresent((n) => n - 1);
  }

  async function walkIn(form: FormData) {
    const fullName = String(form.get("fullName") ?? "").trim();
    const { ok, body } = await postJson("/api/checkin/walk-in", {
      siteId,
      fullName,
      position: String(form.get("position") ?? ""),
      workplace: String(form.get("workplace") ?? ""),
      deviceId: deviceId(),
      nonce: crypto.randomUUID(),
      scannedAt: Date.now(),
    });
    if (ok) {
      setShown({ kind: "walk_in", name: fullName });
      setPresent((n) => n + 1);
      beep("green", audio.current);
    } else setNote({ ok: false, text: body.message ?? t("networkError") });
  }

  const folded = foldForSearch(query);
  const matches = folded.length >= 2 ? roster.filter((r) => r.search.includes(folded) || r.search.includes(folded.replace(/\D/g, "") || "§")).slice(0, 20) : [];
  const colour = shown?.kind === "result" ? (COLOUR[shown.verdict] ?? "red") : shown?.kind === "walk_in" ? "green" : shown ? "red" : null;

  return (
    <div className="scanner">
      <header className="scanner-head">
        <div>
          <p className="muted small">{title}</p>
          <h1>{venue}</h1>
          <p className="muted small">{time}</p>
        </div>
        <p className="scanner-count" data-testid="present-count">
          {t("present", { present, invited: roster.length })}
        </p>
      </header>

      <section className={`verdict verdict-${colour ?? "idle"}`} role="status" aria-live="assertive" data-testid="verdict" data-verdict={shown?.kind === "result" ? shown.verdict : shown?.kind === "walk_in" ? "ok" : shown ? "error" : "idle"}>
        {!shown ? <p className="verdict-title">{t("ready")}</p> : null}
        {shown?.kind === "error" ? <p className="verdict-title">{shown.message}</p> : null}
        {shown?.kind === "walk_in" ? (
          <>
            <p className="verdict-title">{t("verdict.ok")}</p>
            <p className="verdict-name">{shown.name}</p>
            <p>{t("walkInDone")}</p>
          </>
        ) : null}
        {shown?.kind === "result" ? (
          <>
            <p className="verdict-title">
              {shown.verdict === "duplicate" && shown.firstCheckIn
                ? t("verdict.duplicate", { time: formatTime(new Date(shown.firstCheckIn.scannedAt)), device: shown.firstCheckIn.deviceId })
                : shown.verdict === "wrong_site" && shown.expectedSite
                  ? t("verdict.wrong_site", { venue: shown.expectedSite.venue })
                  : shown.verdict === "wrong_conference" && shown.otherConference
                    ? t("verdict.wrong_conference", { title: shown.otherConference.title })
                    : shown.verdict === "not_open" && shown.window
                      ? t("verdict.not_open", { opens: formatTime(new Date(shown.window.opensAt)), closes: formatTime(new Date(shown.window.closesAt)) })
                      : t(`verdict.${shown.verdict}`)}
            </p>
            {shown.verdict === "ok" && shown.checkIn?.isLate ? <p className="verdict-late">{t("late")}</p> : null}
            {shown.attendee ? (
              <div className="verdict-person">
                <p className="verdict-name">{shown.attendee.name}</p>
                <p>{[shown.attendee.position, shown.attendee.workplace].filter(Boolean).join(", ")}</p>
                <p>{shown.attendee.unitName}</p>
                {shown.attendee.substituteName ? <p>{t("substitute", { name: shown.attendee.substituteName })}</p> : null}
              </div>
            ) : null}
          </>
        ) : null}
      </section>

      {shown?.kind === "result" && shown.invitationId && (shown.verdict === "ok" || shown.verdict === "duplicate") ? (
        <div className="row-actions">
          <button type="button" className="button" onClick={() => setSubstituteOpen((v) => !v)}>
            {t("substituteButton")}
          </button>
          {canUndo && shown.verdict === "ok" ? (
            <button type="button" className="button danger" onClick={undo}>
              {t("undoButton")}
            </button>
          ) : null}
        </div>
      ) : null}
      {substituteOpen ? (
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
        <section className="card stack-sm" aria-labelledby="hw-title">
          <h2 id="hw-title">{t("hardwareTitle")}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const value = input.current?.value ?? "";
              if (input.current) input.current.value = "";
              void submit(value, "hardware").then(() => input.current?.focus());
            }}
          >
            <label htmlFor="scan-input" className="visually-hidden">
              {t("hardwareLabel")}
            </label>
            <input
              id="scan-input"
              ref={input}
              className="scan-input"
              autoFocus
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder={t("hardwarePlaceholder")}
            />
          </form>
        </section>

        <section className="card stack-sm" aria-labelledby="cam-title">
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
                <button
                  type="button"
                  className="button"
                  onClick={() => setFacing((f) => (f === "environment" ? "user" : "environment"))}
                >
                  {t("cameraSwitch")}
                </button>
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
                const at = checked[r.token] ?? r.checkedInAt;
                return (
                  <li key={r.invitationId} className="feed-row">
                    <div>
                      <p className="item-title">{r.name}</p>
                      <p className="muted small">{[r.position, r.unitName].filter(Boolean).join(" · ")}</p>
                    </div>
                    {at ? (
                      <span className="badge badge-held">{t("checkedAt", { time: formatTime(new Date(at)) })}</span>
                    ) : (
                      <button type="button" className="button small primary" onClick={() => void submit(r.token, "manual")}>
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
    </div>
  );
}
