/**
 * What a server action or route handler gets from Next on a request, for unit tests of
 * defineAction / defineRoute / the guards: the session next-auth would decode, the language
 * next-intl would pick, and the database. Tests mock "next-auth", "@/db",
 * "@/lib/auth/options" and "@/lib/i18n/translator" with these (vi.mock, see define-action.test.ts).
 */
import type { Db } from "@/db/client";
import type { Locale } from "@/lib/i18n/locales";

export const requestContext: { db: Db | null; session: { user: { id: number; sessionVersion: number } } | null; locale: Locale } = {
  db: null,
  session: null,
  locale: "vi",
};
