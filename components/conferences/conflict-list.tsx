import { useTranslations } from "next-intl";

/** Conflicts found by the server: blocking ones refuse the save, warnings ask for confirmation. */
export function ConflictList({ conflicts }: { conflicts: { blocking: boolean; message: string }[] }) {
  const t = useTranslations("conflicts");
  const blocking = conflicts.filter((c) => c.blocking);
  const warnings = conflicts.filter((c) => !c.blocking);
  return (
    <div className="conflicts" role="alert" data-testid="conflicts">
      {blocking.length > 0 ? (
        <div className="notice error">
          <p className="notice-title">{t("blockingTitle")}</p>
          <ul>
            {blocking.map((c) => (
              <li key={c.message}>{c.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="notice warning">
          <p className="notice-title">{t("warningTitle")}</p>
          <ul>
            {warnings.map((c) => (
              <li key={c.message}>{c.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
