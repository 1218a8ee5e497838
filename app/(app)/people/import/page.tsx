import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportClient } from "@/components/people/import-client";
import { db } from "@/db";
import { requirePageUser } from "@/lib/auth/guards";
import { listUnits } from "@/lib/units/list-units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

export default async function ImportPage() {
  const user = await requirePageUser("people:manage");
  const t = await getTranslations();
  return (
    <div className="stack narrow-page wide">
      <p>
        <Link href="/people">← {t("people.title")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p className="muted">{t("import.intro")}</p>
      <section className="card stack-sm" aria-labelledby="samples-title" data-testid="import-samples">
        <h2 id="samples-title">{t("polish.import.samplesTitle")}</h2>
        <p className="muted small">{t("polish.import.sampleHint")}</p>
        <p className="row-actions">
          <a className="button" href="/samples/danh-sach-dai-bieu-mau.xlsx" download>
            {t("polish.import.sampleXlsx")}
          </a>
          <a className="button" href="/samples/danh-sach-dai-bieu-mau.csv" download>
            {t("polish.import.sampleCsv")}
          </a>
        </p>
      </section>
      <ImportClient units={await listUnits(db, user)} defaultUnitId={user.unitId} />
    </div>
  );
}
