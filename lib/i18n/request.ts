/** next-intl: the locale comes from a cookie (no locale in the URL), Vietnamese by default. */
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { APP_TIME_ZONE } from "@/lib/time/zone";
import { LOCALE_COOKIE, toLocale } from "./locales";
import { MESSAGES } from "./messages";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: MESSAGES[locale], timeZone: APP_TIME_ZONE };
});
