import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ArchiveCampaignClient } from "@/components/campaigns/archive-campaign-client";
import { CampaignFormClient } from "@/components/campaigns/campaign-form-client";
import { CampaignKeysClient } from "@/components/campaigns/campaign-keys-client";
import { RequirementsEditorClient } from "@/components/campaigns/requirements-editor-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getCampaign, listRequirementKinds, listRequirements } from "@/lib/campaigns/list-campaigns";
import { isRootAdmin } from "@/lib/campaigns/manage-campaigns";
import { listRetiredKeys } from "@/lib/campaigns/rotate-campaign-key";
import { parseId } from "@/lib/http/request-input";
import { formatDateTime } from "@/lib/time/format";
import { formatDateInput } from "@/lib/time/parse";
import { rawPublicKey } from "@/lib/tokens/qr-token";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminCampaigns"))("editTitle") };
}

/** A short, readable fingerprint of a public key (never the private one). */
const fingerprint = (spki: string) => rawPublicKey(spki).slice(0, 16);

export default async function EditCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const user = await requirePageUser("campaign:manage");
  if (!isRootAdmin(user)) notFound();
  const id = parseId((await params).id);
  const campaign = id ? await getCampaign(db, id) : null;
  if (!campaign) notFound();
  const t = await getTranslations("adminCampaigns");
  const created = (await searchParams).created === "1";
  const kinds = await listRequirementKinds(db);
  const requirements = (await listRequirements(db, campaign.id)).map((r) => ({
    id: r.id,
    unitKind: r.unitKind,
    bodyKind: r.bodyKind,
    coBodyKinds: r.coBodyKinds,
    title: r.title,
    dueDate: r.dueDate ? formatDateInput(r.dueDate) : "",
    duration: r.duration ?? "",
    sortOrder: r.sortOrder,
  }));
  const retired = (await listRetiredKeys(db, campaign.id)).map((k) => ({
    id: k.id,
    fingerprint: fingerprint(k.publicKey),
    retiredAt: formatDateTime(k.retiredAt),
    revokedAt: k.revokedAt ? formatDateTime(k.revokedAt) : null,
  }));

  return (
    <div className="stack">
      <p>
        <Link href="/admin/campaigns">{t("backToList")}</Link>
      </p>
      <div className="page-head">
        <h1>{campaign.title}</h1>
        <span className={`badge ${campaign.archivedAt ? "badge-cancelled" : "badge-held"}`}>
          {campaign.archivedAt ? t("status.archived") : t("status.running")}
        </span>
      </div>
      {created ? (
        <p className="notice success" role="status">
          {t("created")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="campaign-fields-title">
        <h2 id="campaign-fields-title">{t("editTitle")}</h2>
        <CampaignFormClient
          campaign={{
            id: campaign.id,
            title: campaign.title,
            resolution: campaign.resolution,
            term: campaign.term,
            startDate: formatDateInput(campaign.startDate),
            deadline: formatDateInput(campaign.deadline),
          }}
        />
      </section>
      <section className="card stack-sm" aria-labelledby="requirements-title">
        <h2 id="requirements-title">{t("requirements.title")}</h2>
        <p className="muted">{t("requirements.intro")}</p>
        <RequirementsEditorClient campaignId={campaign.id} requirements={requirements} unitKinds={kinds.unitKinds} bodyKinds={kinds.bodyKinds} />
      </section>
      <section className="card stack-sm" aria-labelledby="keys-title">
        <h2 id="keys-title">{t("keys.title")}</h2>
        <p className="muted">{t("keys.intro")}</p>
        <CampaignKeysClient campaignId={campaign.id} current={campaign.signingPublicKey ? fingerprint(campaign.signingPublicKey) : null} retired={retired} />
      </section>
      <section className="card stack-sm" aria-labelledby="archive-title">
        <h2 id="archive-title">{t("archiveSection")}</h2>
        <p className="muted">{campaign.archivedAt ? t("archivedNotice") : t("runningNotice")}</p>
        <ArchiveCampaignClient campaignId={campaign.id} title={campaign.title} archived={campaign.archivedAt !== null} />
      </section>
    </div>
  );
}
