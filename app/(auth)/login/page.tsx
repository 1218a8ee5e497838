import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LoginFormClient } from "@/components/auth/login-form-client";
import { LocaleSwitchClient } from "@/components/layout/locale-switch-client";
import { db } from "@/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/seed-data";
import { getCurrentUser } from "@/lib/auth/guards";
import { REFORM_ACCOUNTS, REFORM_PASSWORD } from "@/db/seed-2025-data";
import { practiceDoor } from "@/lib/checkin/practice-conference";
import { demoVariant } from "@/lib/settings/is-demo-data";
import { formatDate, formatTime } from "@/lib/time/format";

/** The 2025 demo's accounts whose usernames the 2021 demo also has, with a scope of their own. */
const REFORM_SCOPE_KEYS: Record<string, string> = { "tochuc.bato": "reform_tochuc_bato", "baocao.bato": "reform_baocao_bato" };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { changed } = await searchParams;
  const t = await getTranslations();
  const locale = await getLocale();
  const demo = await demoVariant(db);
  // Until when a newcomer can try the door with the practice conference (docs/decisions/0025).
  const door = demo ? await practiceDoor(db) : null;
  const practice = door
    ? {
        open: door.open,
        text: t(door.open ? "door.login.practiceOpen" : "door.login.practiceClosed", { time: formatTime(door.closesAt), date: formatDate(door.closesAt) }),
      }
    : undefined;
  // The accounts' scopes are data in Vietnamese (db/seed-data.ts, db/seed-2025-data.ts); in English, their translation.
  const scope = (key: string, vietnamese: string) =>
    locale !== "vi" && t.has(`polish.login.demoScope.${key}`) ? t(`polish.login.demoScope.${key}`) : vietnamese;

  return (
    <main className="login-page">
      <div className="login-top">
        <LocaleSwitchClient />
      </div>
      <div className="login-panel">
        <header className="login-brand">
          <div className="brand-mark" aria-hidden="true">
            ★
          </div>
          <div>
            <p className="brand-name">{t("common.appName")}</p>
            <p className="brand-tagline">{t("common.tagline")}</p>
          </div>
        </header>
        <LoginFormClient
          notice={changed ? t("login.passwordChanged") : null}
          demo={
            demo === "2021"
              ? {
                  password: DEMO_PASSWORD,
                  practice,
                  accounts: DEMO_ACCOUNTS.map((a) => ({
                    username: a.username,
                    label: `${t(`roles.${a.role}`)} — ${scope(a.username.replace(".", "_"), a.description.split(" — ")[1])}`,
                  })),
                }
              : demo === "2025"
                ? {
                    password: REFORM_PASSWORD,
                    note: t("login.reformNote"),
                    practice,
                    accounts: [
                      { username: "admin", label: `${t("roles.admin")} — ${t("login.reformRoot")}` },
                      ...REFORM_ACCOUNTS.map((a) => ({
                        username: a.username,
                        label: `${t(`roles.${a.role}`)} — ${scope(REFORM_SCOPE_KEYS[a.username] ?? a.username.replace(".", "_"), a.description)}`,
                      })),
                    ],
                  }
                : null
          }
        />
      </div>
    </main>
  );
}
