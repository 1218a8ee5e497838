import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PersonFormClient } from "@/components/people/person-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listCategories } from "@/lib/invitations/search-people";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("new") };
}

export default async function NewPersonPage() {
  const user = await requirePageUser("people:manage");
  const t = await getTranslations();
  return (
    <div className="stack">
      <p>
        <Link href="/people">← {t("people.title")}</Link>
      </p>
      <h1>{t("people.new")}</h1>
      <section className="card">
        <PersonFormClient
          initial={{ unitId: String(user.unitId), isPartyMember: "1" }}
          units={await listUnits(db, user)}
          categories={(await listCategories(db)).map((c) => ({ value: c, label: t.has(`categories.${c}`) ? t(`categories.${c}`) : c }))}
        />
      </section>
    </div>
  );
}
