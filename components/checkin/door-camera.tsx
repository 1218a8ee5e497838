"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";

/** The camera is decoded on each new frame, but not more often than this (a phone's CPU and battery). */
const MIN_DECODE_GAP_MS = 80;

type Detector = { detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]> };
let decoder: Promise<Detector> | null = null;

/**
 * The QR decoder (barcode-detector with its wasm served by this app, never from a CDN), loaded
 * and warmed once per page as soon as the door page opens: the wasm fetched, compiled and
 * instantiated, and one blank camera-sized frame decoded, so that "Bật camera" only has to start
 * the camera and its first frame decodes at full speed (docs/decisions/0025; `npm run bench:camera`).
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

/**
 * The camera card: start, stop, switch, torch, and each new frame decoded with the warmed
 * decoder. A code found is handed to `onCode` (not while `busy`: a scan is being answered).
 */
export function DoorCamera({ onCode, busy }: { onCode: (text: string) => Promise<void>; busy: RefObject<boolean> }) {
  const t = useTranslations("scan");
  const tDoor = useTranslations("door");
  // Whether the camera should run (the effect's trigger) apart from how it is doing (display only),
  // so that reporting "on" does not restart it.
  const [cameraWanted, setCameraWanted] = useState(false);
  const [camera, setCamera] = useState<"off" | "starting" | "on" | "error">("off");
  const [facing, setFacing] = useState<"environment" | "user">("environment");
  // The torch: shown only when the camera says it has one (MediaStreamTrack capabilities).
  const [torch, setTorch] = useState<"unsupported" | "off" | "on">("unsupported");
  const track = useRef<MediaStreamTrack | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // The decoder is made ready while the page opens, not when the camera starts.
  useEffect(() => void loadDecoder().catch(() => undefined), []);

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
              await onCode(codes[0].rawValue);
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
  }, [cameraWanted, facing, onCode, busy]);

  async function toggleTorch() {
    const on = torch !== "on";
    try {
      await track.current?.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      setTorch(on ? "on" : "off");
    } catch {
      setTorch("unsupported");
    }
  }

  return (
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
  );
}
