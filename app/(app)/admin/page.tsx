import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SetupChecklist } from "@/components/setup/setup-checklist";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { can, type Action } from "@/lib/permissions";
import { getSetupProgress, isSetUp } from "@/lib/setup/setup-progress";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("hub.title") };
}

const SECTIONS: { href: string; key: "units" | "bodies" | "campaigns" | "users" | "audit"; action: Action }[] = [
  { href: "/admin/units", key: "units", action: "unit:manage" },
  { href: "/admin/bodies", key: "bodies", action: "body:manage" },
  { href: "/admin/campaigns", key: "campaigns", action: "campaign:manage" },
  { href: "/admin/users", key: "users", action: "user:manage" },
  { href: "/admin/audit", key: "audit", action: "audit:read" },
];

/** The administrator's entry point: the set-up checklist, then one card per thing an admin manages. */
export default async function AdminPage() {
  const user = await requirePageUser("user:manage");
  const t = await getTranslations("setup");
  const steps = await getSetupProgress(db, user);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{t("hub.title")}</h1>
          <p className="muted">{t("hub.intro", { unit: user.unitName })}</p>
        </div>
      </div>
      {isSetUp(steps) ? null : <SetupChecklist steps={steps} />}
      <ul className="admin-hub" data-testid="admin-hub">
        {SECTIONS.filter((s) => can(user.role, s.action)).map((s) => (
          <li key={s.key} className="card">
            <Link href={s.href} className="admin-hub-link">
              {t(`hub.${s.key}`)}
            </Link>
            <p className="muted small">{t(`hub.${s.key}Hint`)}</p>
          </li>
        ))}
      </ul>
      {isSetUp(steps) ? <SetupChecklist steps={steps} /> : null}
    </div>
  );
}
