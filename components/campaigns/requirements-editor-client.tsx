"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { previewRequirementsAction, saveRequirementsAction, type RequirementsActionResult } from "@/lib/campaigns/actions";

export interface EditorRequirement {
  id: number | null;
  unitKind: string;
  bodyKind: string;
  coBodyKinds: string[];
  title: string;
  /** dd/MM/yyyy or "". */
  dueDate: string;
  duration: string;
  sortOrder: number;
}

interface Props {
  campaignId: number;
  requirements: EditorRequirement[];
  unitKinds: { key: string; label: string }[];
  bodyKinds: { key: string; label: string }[];
}

type Row = EditorRequirement & { key: number };

const initial: RequirementsActionResult = { ok: false };
let nextKey = 1;
const toRows = (list: EditorRequirement[]): Row[] => list.map((r) => ({ ...r, key: nextKey++ }));

/** The requirements table: edit rows, preview what they do to the board, save. */
export function RequirementsEditorClient({ campaignId, requirements, unitKinds, bodyKinds }: Props) {
  const t = useTranslations("adminCampaigns");
  const [rows, setRows] = useState<Row[]>(() => toRows(requirements));
  const [source, setSource] = useState(requirements);
  const [dirty, setDirty] = useState(false);
  const [previewState, preview, previewing] = useActionState(previewRequirementsAction, initial);
  const [saveState, save, saving] = useActionState(saveRequirementsAction, initial);
  // After a save the page sends the stored requirements (with their new ids): start again from them.
  if (source !== requirements) {
    setSource(requirements);
    setRows(toRows(requirements));
    setDirty(false);
  }
  const result = (previewState.at ?? 0) > (saveState.at ?? 0) ? previewState : saveState;
  const unitLabel = new Map(unitKinds.map((k) => [k.key, k.label]));
  const bodyLabel = new Map(bodyKinds.map((k) => [k.key, k.label]));

  const update = (key: number, change: Partial<EditorRequirement>) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setDirty(true);
  };
  const add = () => {
    const last = rows.at(-1);
    setRows((list) => [
      ...list,
      {
        key: nextKey++,
        id: null,
        unitKind: last?.unitKind ?? unitKinds[0]?.key ?? "",
        bodyKind: bodyKinds[0]?.key ?? "",
        coBodyKinds: [],
        title: "",
        dueDate: "",
        duration: "1 buổi",
        sortOrder: (last?.sortOrder ?? 0) + 1,
      },
    ]);
    setDirty(true);
  };
  const remove = (key: number) => {
    setRows((list) => list.filter((r) => r.key !== key));
    setDirty(true);
  };
  const payload = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      unitKind: r.unitKind,
      bodyKind: r.bodyKind,
      coBodyKinds: r.coBodyKinds,
      title: r.title,
      dueDate: r.dueDate || null,
      duration: r.duration || null,
      sortOrder: Number(r.sortOrder) || 0,
    })),
  );
  const label = (field: string, row: number) => `${t(`requirements.${field}`)} – ${t("requirements.row", { row })}`;

  return (
    <form className="stack" action={save}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="requirements" value={payload} />
      <datalist id="requirement-durations">
        <option value={t("requirements.durationDay")} />
        <option value={t("requirements.durationSession")} />
      </datalist>
      {rows.length === 0 ? (
        <p className="muted">{t("requirements.empty")}</p>
      ) : (
        <div className="table-scroll requirements-scroll">
          <table className="table stack-on-phone requirements-table" data-testid="requirements-table">
            <thead>
              <tr>
                <th scope="col">{t("requirements.sortOrder")}</th>
                <th scope="col">{t("requirements.unitKind")}</th>
                <th scope="col">{t("requirements.bodyKind")}</th>
                <th scope="col">{t("requirements.coBodyKinds")}</th>
                <th scope="col">{t("requirements.titleField")}</th>
                <th scope="col">{t("requirements.dueDate")}</th>
                <th scope="col">{t("requirements.duration")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("requirements.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key} data-testid="requirement-row">
                  <td data-label={t("requirements.sortOrder")}>
                    <input
                      className="req-order"
                      type="number"
                      min={0}
                      max={10000}
                      value={r.sortOrder}
                      aria-label={label("sortOrder", i + 1)}
                      onChange={(e) => update(r.key, { sortOrder: Number(e.target.value) })}
                    />
                  </td>
                  <td data-label={t("requirements.unitKind")}>
                    <select value={r.unitKind} aria-label={label("unitKind", i + 1)} onChange={(e) => update(r.key, { unitKind: e.target.value })}>
                      {unitLabel.has(r.unitKind) ? null : <option value={r.unitKind}>{r.unitKind}</option>}
                      {unitKinds.map((k) => (
                        <option key={k.key} value={k.key}>
                          {k.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t("requirements.bodyKind")}>
                    <select value={r.bodyKind} aria-label={label("bodyKind", i + 1)} onChange={(e) => update(r.key, { bodyKind: e.target.value })}>
                      {bodyLabel.has(r.bodyKind) ? null : <option value={r.bodyKind}>{r.bodyKind}</option>}
                      {bodyKinds.map((k) => (
                        <option key={k.key} value={k.key}>
                          {k.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t("requirements.coBodyKinds")}>
                    <details className="co-kinds">
                      <summary aria-label={label("coBodyKinds", i + 1)}>
                        {r.coBodyKinds.length === 0 ? "—" : r.coBodyKinds.map((k) => bodyLabel.get(k) ?? k).join(", ")}
                      </summary>
                      {bodyKinds
                        .filter((k) => k.key !== r.bodyKind)
                        .map((k) => (
                          <label key={k.key} className="checkbox">
                            <input
                              type="checkbox"
                              checked={r.coBodyKinds.includes(k.key)}
                              onChange={(e) =>
                                update(r.key, { coBodyKinds: e.target.checked ? [...r.coBodyKinds, k.key] : r.coBodyKinds.filter((c) => c !== k.key) })
                              }
                            />
                            {k.label}
                          </label>
                        ))}
                    </details>
                  </td>
                  <td data-label={t("requirements.titleField")}>
                    <input
                      className="req-title"
                      value={r.title}
                      aria-label={label("titleField", i + 1)}
                      onChange={(e) => update(r.key, { title: e.target.value })}
                    />
                  </td>
                  <td data-label={t("requirements.dueDate")}>
                    <input
                      className="req-date"
                      value={r.dueDate}
                      placeholder="dd/MM/yyyy"
                      inputMode="numeric"
                      aria-label={label("dueDate", i + 1)}
                      title={t("requirements.dueDateHint")}
                      onChange={(e) => update(r.key, { dueDate: e.target.value })}
                    />
                  </td>
                  <td data-label={t("requirements.duration")}>
                    <input
                      className="req-duration"
                      value={r.duration}
                      list="requirement-durations"
                      aria-label={label("duration", i + 1)}
                      onChange={(e) => update(r.key, { duration: e.target.value })}
                    />
                  </td>
                  <td>
                    <button className="button small" type="button" onClick={() => remove(r.key)} aria-label={label("remove", i + 1)}>
                      {t("requirements.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row-actions">
        <button className="button" type="button" onClick={add}>
          {t("requirements.add")}
        </button>
        <button className="button" type="submit" formAction={preview} disabled={previewing}>
          {previewing ? t("requirements.previewing") : t("requirements.preview")}
        </button>
        <button className="button primary" type="submit" disabled={saving}>
          {saving ? t("requirements.saving") : t("requirements.save")}
        </button>
        {dirty ? <span className="muted small">{t("requirements.unsaved")}</span> : null}
      </div>
      {result.message ? (
        <div className={`notice ${result.ok ? "success" : "error"}`} role="status" data-testid="requirements-result">
          <p>{result.message}</p>
          {result.problems && result.problems.length > 0 ? (
            <ul>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {result.preview ? (
        <section className="stack-sm" aria-labelledby="requirements-preview-title" data-testid="requirements-preview">
          <h3 id="requirements-preview-title">{t("preview.title")}</h3>
          <p>{t("preview.totals", { before: result.preview.requiredBefore, after: result.preview.requiredAfter })}</p>
          <div className="table-scroll">
            <table className="table stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t("preview.change")}</th>
                  <th scope="col">{t("requirements.titleField")}</th>
                  <th scope="col">{t("requirements.unitKind")}</th>
                  <th scope="col">{t("requirements.bodyKind")}</th>
                  <th scope="col" className="num">
                    {t("preview.units")}
                  </th>
                  <th scope="col" className="num">
                    {t("preview.fulfilled")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {/* What changes first; the rows kept as they were after. */}
                {[...result.preview.rows]
                  .sort((a, b) => Number(a.change === "unchanged") - Number(b.change === "unchanged"))
                  .map((r, i) => (
                    <tr key={`${r.id ?? "new"}-${i}`} data-change={r.change}>
                      <td data-label={t("preview.change")}>
                        <span
                          className={`badge ${r.change === "removed" ? "badge-cancelled" : r.change === "added" ? "badge-held" : r.change === "changed" ? "badge-draft" : "badge-scheduled"}`}
                        >
                          {t(`preview.${r.change}`)}
                        </span>
                      </td>
                      <td data-label={t("requirements.titleField")}>{r.title}</td>
                      <td data-label={t("requirements.unitKind")}>{unitLabel.get(r.unitKind) ?? r.unitKind}</td>
                      <td data-label={t("requirements.bodyKind")}>{[r.bodyKind, ...r.coBodyKinds].map((k) => bodyLabel.get(k) ?? k).join(" + ")}</td>
                      <td data-label={t("preview.units")} className="num">
                        {r.units}
                      </td>
                      <td data-label={t("preview.fulfilled")} className="num">
                        {r.fulfilled}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </form>
  );
}
