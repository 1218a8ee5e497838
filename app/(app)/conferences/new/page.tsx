import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConferenceFormClient } from "@/components/conferences/conference-form-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getConferenceFormOptions } from "@/lib/conferences/get-form-options";
import { EDITABLE_STATUSES } from "@/lib/schemas/conferences";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferenceForm"))("newTitle") };
}

export default async function NewConferencePage() {
  const user = await requirePageUser("conference:write");
  const t = await getTranslations();
  const options = await getConferenceFormOptions(db, user);
  return (
    <div className="stack">
      <h1>{t("conferenceForm.newTitle")}</h1>
      <section className="card">
        <ConferenceFormClient
          options={options}
          statuses={EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`conferenceStatus.${s}`) }))}
          initial={{
            campaignId: String(options.campaigns[0]?.id ?? ""),
            bodyId: String(options.bodies[0]?.id ?? ""),
            startTime: "07:30",
            endTime: "11:30",
            graceMinutes: "15",
            status: "scheduled",
          }}
          initialCoBodyIds={[]}
        />
      </section>
    </div>
  );
}
