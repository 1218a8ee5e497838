import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UsersImportClient } from "@/components/users/users-import-client";
import { requirePageUser } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminAccounts"))("title") };
}

/** Bulk creation of accounts from a CSV/XLSX list, in the admin's scope (lib/users/import-users.ts). */
export default async function UsersImportPage() {
  const admin = await requirePageUser("user:manage");
  const t = await getTranslations();
  const columns = ["username", "fullName", "role", "unitCode", "body", "sites"] as const;
  return (
    <div className="stack narrow-page wide">
      <p className="no-print">
        <Link href="/admin/users">← {t("adminAccounts.backToUsers")}</Link>
      </p>
      <h1 className="no-print">{t("adminAccounts.title")}</h1>
      <p className="muted no-print">
        {t("adminAccounts.intro")} ({admin.unitName})
      </p>
      <details className="card no-print">
        <summary>{t("adminAccounts.columnsTitle")}</summary>
        <ul>
          {columns.map((c) => (
            <li key={c}>{t(`adminAccounts.columns.${c}`)}</li>
          ))}
        </ul>
      </details>
      <UsersImportClient />
    </div>
  );
}
