import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MergeClient } from "@/components/people/merge-client";
import { PersonFormClient } from "@/components/people/person-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listCategories } from "@/lib/invitations/search-people";
import { findPossibleDuplicates, getPerson } from "@/lib/people/people";
import { parseId } from "@/lib/schemas/conferences";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("edit") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; merged?: string }> };

export default async function PersonPage({ params, searchParams }: Props) {
  const user = await requirePageUser("people:manage");
  const t = await getTranslations();
  const id = parseId((await params).id);
  const person = id ? getPerson(db, user, id) : null;
  if (!person) notFound();
  const { saved, merged } = await searchParams;
  const duplicates = findPossibleDuplicates(db, user, person);
  return (
    <div className="stack">
      <p>
        <Link href="/people">← {t("people.title")}</Link>
      </p>
      <h1>{person.fullName}</h1>
      {saved ? (
        <p className="notice success" role="status">
          {t("people.saved")}
        </p>
      ) : null}
      {merged ? (
        <p className="notice success" role="status">
          {t("people.merged")}
        </p>
      ) : null}
      <section className="card">
        <PersonFormClient
          initial={{
            personId: String(person.id),
            fullName: person.fullName,
            position: person.position,
            workplace: person.workplace,
            unitId: String(person.unitId),
            category: person.category,
            isPartyMember: person.isPartyMember ? "1" : "",
            phone: person.phone ?? "",
            email: person.email ?? "",
            externalCode: person.externalCode ?? "",
          }}
          units={listUnits(db, user)}
          categories={listCategories(db).map((c) => ({ value: c, label: t.has(`categories.${c}`) ? t(`categories.${c}`) : c }))}
        />
      </section>
      {duplicates.length > 0 ? (
        <section className="card" aria-labelledby="dup-title">
          <h2 id="dup-title">{t("people.duplicatesTitle")}</h2>
          <MergeClient duplicateId={person.id} candidates={duplicates} />
        </section>
      ) : null}
    </div>
  );
}
