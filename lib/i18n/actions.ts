"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "./locales";

/**
 * Remembers the chosen language for a year. Open to anyone by design (the login page has the
 * switch too): it changes nothing but the cookie, so it needs no defineAction guard.
 */
export async function setLocale(locale: string): Promise<void> {
  const parsed = z.enum(LOCALES).safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
