import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvitationTable } from "@/components/invitations/invitation-table";
import { InviteesToolbarClient } from "@/components/invitations/invitees-toolbar-client";
import { SelectField } from "@/components/ui/select-field";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getConference } from "@/lib/conferences/get-conference";
import { getInvitingConference } from "@/lib/invitations/invitation-scope";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listCategories } from "@/lib/invitations/search-people";
import { can } from "@/lib/permissions";
import { parseId } from "@/lib/http/request-input";
import { invitationListQuerySchema } from "@/lib/schemas/invitations";
import { listSiteUnits } from "@/lib/conferences/manage-sites";

const PAGE_SIZE = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitations"))("title") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

export default async function InvitationsPage({ params, searchParams }: Props) {
  const user = await requirePageUser("conference:read");
  const t = await getTranslations();
  const id = parseId((await params).id);
  const conference = id ? await getConference(db, user, id) : null;
  if (!conference) notFound();
  const inviting = can(user.role, "invitation:manage") ? await getInvitingConference(db, user, conference.id) : null;
  const query = invitationListQuerySchema.parse(await searchParams);
  const ownBody = inviting && !inviting.allBodies ? inviting.bodyId : undefined;
  const all = await listInvitations(db, user, conference.id, { bodyId: ownBody });
  const rows = await listInvitations(db, user, conference.id, { q: query.q, siteId: query.site, status: query.status, bodyId: ownBody });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const counts = { draft: 0, issued: 0, revoked: 0 };
  for (const r of all) counts[r.status]++;
  const sites = conference.sites.map((s) => ({ id: s.id, label: `${s.venue}${s.isMain ? ` (${t("home.mainSite")})` : ""}` }));
  const pageLink = (n: number) => {
    const p = new URLSearchParams();
    if (query.q) p.set("q", query.q);
    if (query.site) p.set("site", String(query.site));
    if (query.status) p.set("status", query.status);
    p.set("page", String(n));
    return `?${p}`;
  };

  return (
    <div className="stack">
      <p>
        <Link href={`/conferences/${conference.id}`}>← {conference.title}</Link>
      </p>
      <div className="page-head">
        <h1>{t("invitations.title")}</h1>
        <p className="muted" data-testid="invitation-counts">
          {t("invitations.counts", { draft: counts.draft, issued: counts.issued, revoked: counts.revoked })}
        </p>
      </div>
      {inviting ? (
        <div className="row-actions">
          {counts.issued > 0 ? (
            <>
              <Link className="button" href={`/conferences/${conference.id}/letters?size=A4`}>
                {t("invitations.printA4")}
              </Link>
              <Link className="button" href={`/conferences/${conference.id}/letters?size=A5`}>
                {t("invitations.printA5")}
              </Link>
            </>
          ) : null}
          <a className="button subtle-dark" href={`/api/conferences/${conference.id}/invitations.csv`} download>
            {t("invitations.exportCsv")}
          </a>
          <a className="button subtle-dark" href={`/api/conferences/${conference.id}/invitations.xlsx`} download>
            {t("invitations.exportXlsx")}
          </a>
        </div>
      ) : null}
      {inviting ? (
        <InviteesToolbarClient
          conferenceId={conference.id}
          sites={sites}
          units={await listSiteUnits(db, conference.unitId)}
          categories={(await listCategories(db)).map((c) => ({ value: c, label: t.has(`categories.${c}`) ? t(`categories.${c}`) : c }))}
          draftCount={counts.draft}
        />
      ) : null}
      <form className="filters" method="get">
        <div className="field">
          <label htmlFor="inv-q">{t("invitations.search")}</label>
          <input id="inv-q" name="q" defaultValue={query.q ?? ""} placeholder={t("invitations.searchHint")} />
        </div>
        {sites.length > 1 ? (
          <SelectField
            id="inv-site"
            name="site"
            label={t("sites.title")}
            allLabel={t("common.all")}
            defaultValue={query.site}
            options={sites.map((s) => ({ value: s.id, label: s.label }))}
          />
        ) : null}
        <SelectField
          id="inv-status"
          name="status"
          label={t("conferences.status")}
          allLabel={t("common.all")}
          defaultValue={query.status}
          options={(["draft", "issued", "revoked"] as const).map((s) => ({ value: s, label: t(`invitationStatus.${s}`) }))}
        />
        <div className="filter-actions">
          <button className="button" type="submit">
            {t("common.filter")}
          </button>
        </div>
      </form>
      <InvitationTable conferenceId={conference.id} rows={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)} sites={sites} canManage={inviting !== null} />
      {pages > 1 ? (
        <nav className="pager" aria-label={t("invitations.pages")}>
          {Array.from({ length: pages }, (_, i) => i + 1).map((n) =>
            n === page ? (
              <span key={n} aria-current="page">
                {n}
              </span>
            ) : (
              <Link key={n} href={pageLink(n)}>
                {n}
              </Link>
            ),
          )}
        </nav>
      ) : null}
    </div>
  );
}
