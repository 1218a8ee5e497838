import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateUserFormClient } from "@/components/users/create-user-form-client";
import { UserRowActionsClient } from "@/components/users/user-row-actions-client";
import { db } from "@/db";
import { ROLES } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/guards";
import { recentFailureCounts } from "@/lib/auth/throttle";
import { listAccountUnits, listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const admin = await requirePageUser("user:manage");
  const t = await getTranslations();
  // Delegated administration: the accounts and units of the admin's subtree only (the root unit's admin: all).
  const users = await listUsers(db, admin);
  const failures = await recentFailureCounts(db);
  const units = (await listAccountUnits(db, admin)).map((u) => ({ id: u.id, name: u.name, bodies: u.bodies }));

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("users.title")}</h1>
        <p className="muted">{t("users.count", { count: users.length })}</p>
        <Link href="/admin/users/import">{t("adminAccounts.importLink")}</Link>
        <Link href="/admin/audit">{t("users.auditLink")}</Link>
      </div>
      <section className="card" aria-labelledby="create-user-title">
        <h2 id="create-user-title">{t("users.create")}</h2>
        <CreateUserFormClient units={units} roles={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </section>
      <section className="card">
        <table className="table stack-on-phone" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">{t("users.username")}</th>
              <th scope="col">{t("users.fullName")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.unit")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-username={u.username}>
                <td data-label={t("users.username")}>
                  <code>{u.username}</code>
                </td>
                <td data-label={t("users.fullName")}>{u.fullName}</td>
                <td data-label={t("users.role")}>{t(`roles.${u.role}`)}</td>
                <td data-label={t("users.unit")}>
                  {u.unitName}
                  {u.bodyName ? <div className="muted small">{u.bodyName}</div> : null}
                </td>
                <td data-label={t("users.status")}>
                  <span className={`badge ${u.disabled ? "badge-cancelled" : "badge-held"}`}>{u.disabled ? t("users.disabled") : t("users.active")}</span>
                  {u.mustChangePassword ? <div className="muted small">{t("adminAccounts.mustChangeBadge")}</div> : null}
                  {failures.get(u.username) ? (
                    <div className="muted small" data-testid="recent-failures">
                      {t("users.recentFailures", { count: failures.get(u.username) ?? 0 })}
                    </div>
                  ) : null}
                </td>
                <td data-label={t("users.actions")}>
                  <UserRowActionsClient
                    userId={u.id}
                    username={u.username}
                    disabled={u.disabled}
                    isSelf={u.id === admin.id}
                    recentFailures={failures.get(u.username) ?? 0}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
