"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { commitUsersImportAction, previewUsersImportAction } from "@/lib/users/actions";
import { uploadTooLarge } from "@/lib/http/upload-limit";
import { initialUsersImportState } from "@/lib/users/import-state";

/** Upload → preview → create; the created accounts' one-time passwords are shown once, printable. */
export function UsersImportClient() {
  const t = useTranslations("adminAccounts");
  const [preview, previewAction, previewing] = useActionState(previewUsersImportAction, initialUsersImportState);
  const [result, commitAction, committing] = useActionState(commitUsersImportAction, initialUsersImportState);
  // Which answer is on screen: the latest one.
  const [restart, setRestart] = useState(0);
  // Refused here, in words: past the actions' body limit the server answers with its error page.
  const [tooLarge, setTooLarge] = useState(false);
  const done = result.ok && result.created && (result.at ?? 0) > (preview.at ?? 0) && (result.at ?? 0) > restart;

  if (done && result.created) {
    return (
      <section className="card stack accounts-print" aria-labelledby="accounts-done">
        <h2 id="accounts-done" className="no-print">
          {t("doneTitle", { count: result.created.length })}
        </h2>
        {result.skipped ? <p className="muted no-print">{t("doneSkipped", { count: result.skipped })}</p> : null}
        <p className="notice warning no-print" role="status">
          {t("passwordsOnce")}
        </p>
        <h2 className="print-only">{t("printTitle")}</h2>
        <table className="table" data-testid="created-accounts">
          <thead>
            <tr>
              <th scope="col">{t("username")}</th>
              <th scope="col">{t("fullName")}</th>
              <th scope="col">{t("unit")}</th>
              <th scope="col">{t("password")}</th>
              <th scope="col">{t("signature")}</th>
            </tr>
          </thead>
          <tbody>
            {result.created.map((a) => (
              <tr key={a.username} data-username={a.username}>
                <td>
                  <code>{a.username}</code>
                </td>
                <td>
                  {a.fullName}
                  <div className="muted small">{a.role}</div>
                </td>
                <td>
                  {a.unitName}
                  {a.bodyName ? <div className="muted small">{a.bodyName}</div> : null}
                </td>
                <td>
                  <code className="one-time-password" data-testid="one-time-password">
                    {a.password}
                  </code>
                </td>
                <td className="signature-cell" aria-label={t("signature")} />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="filter-actions no-print">
          <button className="button primary" type="button" onClick={() => window.print()}>
            {t("print")}
          </button>
          <button className="button" type="button" onClick={() => setRestart(Date.now())}>
            {t("another")}
          </button>
        </div>
      </section>
    );
  }

  const showPreview = preview.ok && preview.preview && (preview.at ?? 0) > restart;
  const refusal = [preview, result].filter((s) => !s.ok && s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  return (
    <div className="stack">
      <section className="card">
        <form
          className="form"
          action={previewAction}
          onSubmit={(event) => {
            const refuse = uploadTooLarge(event.currentTarget);
            setTooLarge(refuse);
            if (refuse) event.preventDefault();
          }}
        >
          <div className="field">
            <label htmlFor="accounts-file">{t("file")}</label>
            <input
              id="accounts-file"
              name="file"
              type="file"
              accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
            />
          </div>
          <button className="button primary" type="submit" disabled={previewing}>
            {previewing ? t("previewing") : t("preview")}
          </button>
        </form>
        {tooLarge || refusal ? (
          <p className="notice error" role="status" data-testid="import-error">
            {tooLarge ? t("fileTooLarge") : refusal?.message}
          </p>
        ) : null}
      </section>
      {showPreview && preview.preview ? (
        <section className="card stack" aria-labelledby="accounts-preview">
          <h2 id="accounts-preview">{t("previewTitle", { filename: preview.filename ?? "" })}</h2>
          <p data-testid="preview-counts">{t("previewCounts", { valid: preview.valid ?? 0, invalid: preview.invalid ?? 0 })}</p>
          <table className="table stack-on-phone" data-testid="accounts-preview-table">
            <thead>
              <tr>
                <th scope="col">{t("line")}</th>
                <th scope="col">{t("username")}</th>
                <th scope="col">{t("fullName")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("unit")}</th>
                <th scope="col">{t("body")}</th>
                <th scope="col">{t("sites")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.map((l) => (
                <tr key={l.line} data-line={l.line} className={l.errors.length > 0 ? "row-error" : undefined}>
                  <td data-label={t("line")}>{l.line}</td>
                  <td data-label={t("username")}>
                    <code>{l.username}</code>
                  </td>
                  <td data-label={t("fullName")}>{l.fullName}</td>
                  <td data-label={t("role")}>{l.role}</td>
                  <td data-label={t("unit")}>{l.unit}</td>
                  <td data-label={t("body")}>{l.body}</td>
                  <td data-label={t("sites")}>{l.sites}</td>
                  <td data-label={t("status")}>
                    {l.errors.length === 0 ? (
                      <span className="badge badge-held">{t("valid")}</span>
                    ) : (
                      <ul className="errors-list">
                        {l.errors.map((e) => (
                          <li key={e} className="error-text">
                            {e}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(preview.valid ?? 0) > 0 ? (
            <form action={commitAction}>
              <input type="hidden" name="batchId" value={preview.batchId} />
              <button className="button primary" type="submit" disabled={committing}>
                {committing ? t("committing") : t("commit", { count: preview.valid ?? 0 })}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
