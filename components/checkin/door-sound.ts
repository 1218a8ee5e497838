"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";

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

/**
 * The door's sounds. The page's AudioContext is made when the page opens (making one took
 * 50–130 ms, which the first scan used to wait for), suspended until the user has touched the
 * page (browsers' autoplay rule); `ready` resumes it at a scan, which follows a tap or a
 * scanner's keys; `play` beeps the verdict's colour.
 */
export function useDoorSound() {
  const audio = useRef<AudioContext | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      audio.current ??= typeof AudioContext === "undefined" ? null : new AudioContext();
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  const ready = useCallback(() => {
    audio.current ??= typeof AudioContext === "undefined" ? null : new AudioContext();
    if (audio.current?.state === "suspended") void audio.current.resume().catch(() => undefined);
  }, []);
  const play = useCallback((colour: "green" | "amber" | "red") => beep(colour, audio.current), []);
  // One object for the page's life: callers list it in their hooks' dependencies (the camera restarts when those change).
  return useMemo(() => ({ ready, play }), [ready, play]);
}
