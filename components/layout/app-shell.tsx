import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session-user";
import { can } from "@/lib/permissions";
import { LocaleSwitchClient } from "./locale-switch-client";
import { NavLinksClient } from "./nav-links-client";
import { NAV_ITEMS } from "./nav-items";
import { SignOutButtonClient } from "./sign-out-button-client";

export async function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((item) => can(user.role, item.action)).map((item) => ({
    href: item.href,
    label: t(`nav.${item.label}`),
  }));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark small" aria-hidden="true">
            ★
          </span>
          <span className="brand-name">{t("common.appName")}</span>
        </Link>
        <NavLinksClient items={items} label={t("nav.mainNavigation")} menuLabel={t("nav.menu")}>
          <div className="user-box" data-testid="user-box" title={`${user.fullName}\n${t(`roles.${user.role}`)} · ${user.bodyName ?? user.unitName}`}>
            <span className="user-name">{user.fullName}</span>
            <span className="user-meta">
              <span data-testid="user-role">{t(`roles.${user.role}`)}</span> · {user.bodyName ?? user.unitName}
            </span>
          </div>
          <LocaleSwitchClient />
          <SignOutButtonClient label={t("nav.signOut")} />
        </NavLinksClient>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
