"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { IMPORT_FIELDS, type ImportField, type Mapping } from "@/lib/people/import/map-rows";

interface Preview {
  total: number;
  valid: number;
  errorCount: number;
  errors: { line: number; code: string; detail?: string }[];
  sample: { line: number; fullName: string; position: string; workplace: string; phone: string | null; isPartyMember: boolean }[];
}
interface Upload {
  batchId: number;
  headers: string[];
  mapping: Mapping;
  preview: Preview;
}

/** Upload with a progress bar (XMLHttpRequest reports upload progress; fetch does not). */
function upload(form: FormData, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/people/import");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => resolve({ status: xhr.status, body: JSON.parse(xhr.responseText || "{}") });
    xhr.onerror = () => resolve({ status: 0, body: {} });
    xhr.send(form);
  });
}

export function ImportClient({ units, defaultUnitId }: { units: { id: number; name: string }[]; defaultUnitId: number }) {
  const t = useTranslations("import");
  const [state, setState] = useState<Upload | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onUpload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    setState(null);
    setBusy(true);
    setProgress(0);
    const result = await upload(new FormData(event.currentTarget), setProgress);
    setBusy(false);
    setProgress(null);
    const body = result.body as Upload & { message?: string };
    if (result.status !== 200) return setMessage({ ok: false, text: body.message ?? t("errors.network") });
    setState(body);
  }

  async function remap(field: ImportField, column: number) {
    if (!state) return;
    const mapping = { ...state.mapping, [field]: column };
    setState({ ...state, mapping });
    const response = await fetch(`/api/people/import/${state.batchId}/preview`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mapping }),
    });
    const body = (await response.json()) as { preview?: Preview; message?: string };
    if (body.preview) setState((s) => (s ? { ...s, mapping, preview: body.preview! } : s));
    else setMessage({ ok: false, text: body.message ?? t("errors.invalid") });
  }

  async function commit() {
    if (!state) return;
    setBusy(true);
    const response = await fetch(`/api/people/import/${state.batchId}/commit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mapping: state.mapping }),
    });
    const body = (await response.json()) as { inserted?: number; updated?: number; skipped?: number; message?: string };
    setBusy(false);
    if (!response.ok) return setMessage({ ok: false, text: body.message ?? t("errors.invalid") });
    setState(null);
    setMessage({ ok: true, text: t("done", { inserted: body.inserted ?? 0, updated: body.updated ?? 0, skipped: body.skipped ?? 0 }) });
  }

  return (
    <div className="stack">
      <form className="card form" onSubmit={onUpload}>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="import-file">{t("file")}</label>
            <input id="import-file" name="file" type="file" accept=".csv,.xlsx,.txt,text/csv" required />
            <p className="hint">{t("fileHint")}</p>
          </div>
          <div className="field">
            <label htmlFor="import-unit">{t("unit")}</label>
            <select id="import-unit" name="unitId" defaultValue={defaultUnitId}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {progress !== null ? (
          <div className="progress" role="progressbar" aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100} aria-label={t("uploading")}>
            <div className="progress-bar" style={{ width: `${progress}%` }} />
          </div>
        ) : null}
        <div>
          <button className="button primary" type="submit" disabled={busy}>
            {busy ? t("uploading") : t("upload")}
          </button>
        </div>
      </form>

      {message ? (
        <p className={`notice ${message.ok ? "success" : "error"}`} role="alert" data-testid="import-message">
          {message.text}
        </p>
      ) : null}

      {state ? (
        <section className="card stack" aria-labelledby="preview-title" data-testid="import-preview">
          <h2 id="preview-title">{t("previewTitle")}</h2>
          <div className="grid-4">
            {IMPORT_FIELDS.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`map-${field}`}>{t(`fields.${field}`)}</label>
                <select id={`map-${field}`} value={state.mapping[field]} onChange={(e) => remap(field, Number(e.target.value))}>
                  <option value={-1}>{t("notImported")}</option>
                  {state.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || t("column", { n: i + 1 })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <p data-testid="preview-summary">{t("summary", { total: state.preview.total, valid: state.preview.valid, errors: state.preview.errorCount })}</p>
          {state.preview.errors.length > 0 ? (
            <table className="table" data-testid="preview-errors">
              <thead>
                <tr>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("problem")}</th>
                </tr>
              </thead>
              <tbody>
                {state.preview.errors.map((e) => (
                  <tr key={e.line}>
                    <td>{e.line}</td>
                    <td>
                      {t(`rowErrors.${e.code}`)}
                      {e.detail ? `: ${e.detail}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {state.preview.sample.length > 0 ? (
            <>
              <h3>{t("sampleTitle")}</h3>
              <ul className="item-list">
                {state.preview.sample.map((r) => (
                  <li key={r.line}>
                    <strong>{r.fullName}</strong> <span className="muted">{[r.position, r.workplace, r.phone].filter(Boolean).join(" · ")}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div>
            <button className="button primary" type="button" onClick={commit} disabled={busy || state.preview.valid === 0 || state.mapping.fullName < 0}>
              {t("commit", { count: state.preview.valid })}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
