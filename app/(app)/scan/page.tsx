import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listScanSites } from "@/lib/checkin/site-roster";
import { formatRange } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scan"))("title") };
}

export default async function ScanSitesPage() {
  const user = await requirePageUser("checkin:scan");
  const t = await getTranslations();
  const rows = listScanSites(db, user);
  return (
    <div className="stack narrow-page">
      <h1>{t("scan.title")}</h1>
      {rows.length === 0 ? (
        <p className="muted">{t("scan.none")}</p>
      ) : (
        <ul className="item-list card" data-testid="scan-sites">
          {rows.map((r) => (
            <li key={r.siteId}>
              <Link className="item-title" href={`/scan/${r.siteId}`}>
                {r.venue} {r.isMain ? `(${t("home.mainSite")})` : ""}
              </Link>
              <div className="item-meta">
                <span>{r.title}</span>
                <span>{formatRange(r.startsAt, r.endsAt)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
