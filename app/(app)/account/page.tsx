import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordFormClient } from "@/components/account/change-password-form-client";
import { requirePageUser } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const user = await requirePageUser("account:manage-own");
  const t = await getTranslations();
  return (
    <div className="stack narrow-page">
      <h1>{t("account.title")}</h1>
      {user.mustChangePassword ? (
        <p className="notice warning" role="status" data-testid="must-change-password">
          {t("adminAccounts.mustChange")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <dl className="details">
          <dt>{t("account.username")}</dt>
          <dd>
            <code>{user.username}</code>
          </dd>
          <dt>{t("account.fullName")}</dt>
          <dd>{user.fullName}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
          <dt>{t("account.unit")}</dt>
          <dd>{user.unitName}</dd>
          {user.bodyName ? (
            <>
              <dt>{t("account.body")}</dt>
              <dd>{user.bodyName}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("account.changePassword")}</h2>
        <ChangePasswordFormClient firstChange={user.mustChangePassword ? { username: user.username } : undefined} />
      </section>
    </div>
  );
}
