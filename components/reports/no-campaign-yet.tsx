import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The reports' empty state on a new installation: what is missing, and who can do it. */
export async function NoCampaignYet({ canCreate }: { canCreate: boolean }) {
  const t = await getTranslations("setup.empty");
  return (
    <div className="stack" data-testid="reports-empty">
      <h1>{t("reportsTitle")}</h1>
      <p className="muted">{t("reports")}</p>
      <p>{canCreate ? <Link href="/admin/campaigns">{t("createCampaign")} →</Link> : t("askAdmin")}</p>
    </div>
  );
}
