import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConferenceFormClient } from "@/components/conferences/conference-form-client";
import { SiteManagerClient } from "@/components/conferences/site-manager-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getConferenceForEdit } from "@/lib/conferences/get-conference-for-edit";
import { getConferenceFormOptions, listDoorStaff } from "@/lib/conferences/get-form-options";
import { listSitesForEdit, listSiteUnits } from "@/lib/conferences/manage-sites";
import { EDITABLE_STATUSES } from "@/lib/schemas/conferences";
import { parseId } from "@/lib/http/request-input";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferenceForm"))("editTitle") };
}

export default async function EditConferencePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("conference:write");
  const t = await getTranslations();
  const id = parseId((await params).id);
  const conference = id ? await getConferenceForEdit(db, user, id) : null;
  if (!conference) notFound();
  const options = await getConferenceFormOptions(db, user, { keepCampaignId: Number(conference.values.campaignId) });
  const sites = await listSitesForEdit(db, conference.id);
  const mainUnitId = sites.find((s) => s.isMain)?.unitId ?? options.bodies.find((b) => String(b.id) === conference.values.bodyId)?.unitId;

  return (
    <div className="stack">
      <p>
        <Link href={`/conferences/${conference.id}`}>← {t("conferenceForm.backToConference")}</Link>
      </p>
      <h1>{t("conferenceForm.editTitle")}</h1>
      {conference.status === "cancelled" ? (
        <p className="notice warning">{t("validation.cancelledReadOnly")}</p>
      ) : (
        <>
          <section className="card">
            <ConferenceFormClient
              options={options}
              statuses={EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`conferenceStatus.${s}`) }))}
              conferenceId={conference.id}
              initial={conference.values}
              initialCoBodyIds={conference.coBodyIds}
            />
          </section>
          <section className="card" aria-labelledby="sites-title">
            <h2 id="sites-title">{t("sites.title")}</h2>
            <SiteManagerClient
              conferenceId={conference.id}
              sites={sites}
              units={mainUnitId ? await listSiteUnits(db, mainUnitId) : []}
              staff={await listDoorStaff(db, user)}
            />
          </section>
        </>
      )}
    </div>
  );
}
