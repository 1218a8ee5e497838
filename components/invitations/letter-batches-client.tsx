"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore } from "react";

interface Batch {
  number: number;
  href: string;
  /** "201–400" */
  label: string;
}

const CHANGED = "letter-batches-changed";

function readPrinted(storageKey: string): string {
  try {
    return window.localStorage.getItem(storageKey) ?? "";
  } catch {
    return "";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * The batches of a long print run, with the ones already printed on this computer ticked (the
 * browser's "afterprint" marks the batch on screen) and a progress bar: a cadre printing 1,800
 * letters sees what is done and goes on with the next batch.
 */
export function LetterBatchesClient({ storageKey, current, batches }: { storageKey: string; current: number; batches: Batch[] }) {
  const t = useTranslations("documents");
  const stored = useSyncExternalStore(
    subscribe,
    () => readPrinted(storageKey),
    () => "",
  );
  const printed = new Set(stored.split(",").filter(Boolean).map(Number));

  useEffect(() => {
    const markPrinted = () => {
      const next = new Set(readPrinted(storageKey).split(",").filter(Boolean).map(Number)).add(current);
      try {
        window.localStorage.setItem(storageKey, [...next].sort((a, b) => a - b).join(","));
      } catch {
        // Private mode: the ticks are lost, printing is not.
      }
      window.dispatchEvent(new Event(CHANGED));
    };
    window.addEventListener("afterprint", markPrinted);
    return () => window.removeEventListener("afterprint", markPrinted);
  }, [storageKey, current]);

  const done = batches.filter((b) => printed.has(b.number)).length;
  const next = batches.find((b) => b.number > current && !printed.has(b.number)) ?? batches.find((b) => !printed.has(b.number) && b.number !== current);
  return (
    <div className="batches" data-testid="letter-batches">
      <p>
        <span data-testid="batches-printed">{t("batchesPrinted", { done, total: batches.length })}</span>
        {next ? (
          <>
            {" · "}
            <Link href={next.href}>{t("nextBatch", { batch: next.number })}</Link>
          </>
        ) : null}
      </p>
      <progress max={batches.length} value={done} aria-label={t("batchesPrinted", { done, total: batches.length })} />
      <ul className="batch-list">
        {batches.map((b) => (
          <li key={b.number}>
            <Link
              href={b.href}
              aria-current={b.number === current ? "page" : undefined}
              className={printed.has(b.number) ? "printed" : undefined}
              title={printed.has(b.number) ? t("printedMark") : undefined}
            >
              {printed.has(b.number) ? "✓ " : ""}
              {t("batchLabel", { batch: b.number, range: b.label })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
