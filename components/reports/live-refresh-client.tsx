"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the conference runs, the report re-reads its figures every few seconds (server render, no polling API). */
export function LiveRefreshClient({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
