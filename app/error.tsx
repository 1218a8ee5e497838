"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="centered-page">
      <div className="card narrow" role="alert">
        <h1>{t("errorTitle")}</h1>
        <p>{t("errorText")}</p>
        <button className="button" type="button" onClick={reset}>
          {t("retry")}
        </button>
      </div>
    </main>
  );
}
