import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ArchiveCampaignClient } from "@/components/campaigns/archive-campaign-client";
import { CampaignSelectorClient } from "@/components/campaigns/campaign-selector-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listActiveCampaigns, listCampaignsForAdmin } from "@/lib/campaigns/list-campaigns";
import { isRootAdmin } from "@/lib/campaigns/manage-campaigns";
import { formatDateKey } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminCampaigns"))("title") };
}

/** Every campaign (running first), the user's current-campaign choice, and for the root admin: create, edit, archive. */
export default async function CampaignsPage() {
  const user = await requirePageUser("campaign:manage");
  const t = await getTranslations("adminCampaigns");
  const root = isRootAdmin(user);
  const campaigns = await listCampaignsForAdmin(db);
  const current = await getCurrentCampaign(db, user);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("listTitle")}</h1>
        {root ? (
          <Link className="button primary" href="/admin/campaigns/new">
            {t("new")}
          </Link>
        ) : null}
      </div>
      <p className="muted">{root ? t("intro") : t("rootOnly")}</p>
      {campaigns.length === 0 ? (
        <section className="card">
          <p data-testid="campaigns-empty">{t("empty")}</p>
        </section>
      ) : (
        <>
          <section className="card">
            <CampaignSelectorClient campaigns={await listActiveCampaigns(db, current?.id)} currentId={current?.id ?? null} />
          </section>
          <section className="card">
            <table className="table stack-on-phone" data-testid="campaign-table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.title")}</th>
                  <th scope="col">{t("columns.term")}</th>
                  <th scope="col">{t("columns.dates")}</th>
                  <th scope="col" className="num">
                    {t("columns.requirements")}
                  </th>
                  <th scope="col">{t("columns.status")}</th>
                  {root ? <th scope="col">{t("columns.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {campaigns.map((c) => (
                  <tr key={c.id} data-campaign-id={c.id}>
                    <td data-label={t("columns.title")}>
                      {root ? <Link href={`/admin/campaigns/${c.id}`}>{c.title}</Link> : c.title}
                      <div className="muted small">{c.resolution}</div>
                    </td>
                    <td data-label={t("columns.term")}>{c.term}</td>
                    <td data-label={t("columns.dates")} className="nowrap">
                      {t("dates", { start: formatDateKey(c.startDate), deadline: formatDateKey(c.deadline) })}
                    </td>
                    <td data-label={t("columns.requirements")} className="num">
                      {c.requirements}
                    </td>
                    <td data-label={t("columns.status")}>
                      <span className={`badge ${c.archivedAt ? "badge-cancelled" : "badge-held"}`}>
                        {c.archivedAt ? t("status.archived") : t("status.running")}
                      </span>
                      {current?.id === c.id ? <div className="muted small">{t("status.current")}</div> : null}
                    </td>
                    {root ? (
                      <td data-label={t("columns.actions")}>
                        <div className="row-actions">
                          <Link className="button small" href={`/admin/campaigns/${c.id}`}>
                            {t("edit")}
                          </Link>
                          <Link className="button small" href={`/admin/campaigns/new?copyFrom=${c.id}`}>
                            {t("copy")}
                          </Link>
                          <ArchiveCampaignClient campaignId={c.id} title={c.title} archived={c.archivedAt !== null} />
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
