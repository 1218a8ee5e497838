import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SetupStep } from "@/lib/setup/setup-progress";

/** The first-run checklist: each step, done or not, with a link to where it is done; the first open step is marked "next". */
export async function SetupChecklist({ steps }: { steps: SetupStep[] }) {
  const t = await getTranslations("setup");
  const next = steps.find((s) => !s.done)?.key;
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="card stack" aria-labelledby="setup-title" data-testid="setup-checklist">
      <div>
        <h2 id="setup-title">{t("title")}</h2>
        <p className="muted">{t("progress", { done, total: steps.length })}</p>
      </div>
      <ol className="setup-steps">
        {steps.map((step) => (
          <li
            key={step.key}
            className={step.done ? "setup-done" : step.key === next ? "setup-next" : undefined}
            data-step={step.key}
            data-done={step.done ? "1" : "0"}
          >
            <span className="setup-mark" aria-hidden="true">
              {step.done ? "✓" : "○"}
            </span>
            <div>
              <Link href={step.href}>{t(`steps.${step.key}.title`)}</Link>
              {step.key === next ? <span className="badge badge-scheduled setup-next-badge">{t("next")}</span> : null}
              <div className="muted small">{step.done ? t(`steps.${step.key}.done`, { count: step.count }) : t(`steps.${step.key}.todo`)}</div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
