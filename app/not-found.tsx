import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="centered-page">
      <div className="card narrow">
        <h1>{t("notFoundTitle")}</h1>
        <p>{t("notFoundText")}</p>
        <Link className="button" href="/">
          {t("goHome")}
        </Link>
      </div>
    </main>
  );
}
