import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ScannerClient } from "@/components/checkin/scanner-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { getScanSite } from "@/lib/checkin/site-access";
import { can } from "@/lib/permissions";
import { parseId } from "@/lib/http/request-input";
import { formatRange } from "@/lib/time/format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scan"))("title") };
}

export default async function ScannerPage({ params }: { params: Promise<{ siteId: string }> }) {
  const user = await requirePageUser("checkin:scan");
  const t = await getTranslations("scan");
  const siteId = parseId((await params).siteId);
  const access = siteId ? getScanSite(db, user, siteId) : ({ ok: false, reason: "not_found" } as const);
  if (!access.ok) {
    if (access.reason === "not_found") notFound();
    return (
      <div className="card narrow">
        <h1>{t("refusedTitle")}</h1>
        <p>{access.reason === "closed" ? t("closed") : t("notAssigned")}</p>
      </div>
    );
  }
  return (
    <ScannerClient
      siteId={access.site.id}
      venue={access.site.venue}
      title={access.conference.title}
      time={formatRange(access.conference.startsAt, access.conference.endsAt)}
      canWalkIn={can(user.role, "checkin:walk-in")}
      canUndo={can(user.role, "checkin:undo")}
    />
  );
}
