"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { commitUnitsImportAction, uploadUnitsImportAction } from "@/lib/units/actions";
import { initialActionResult } from "@/lib/http/action-result";
import { uploadTooLarge } from "@/lib/http/upload-limit";

/** Step 1: the file and the unit it goes under; the answer is the preview page. */
export function UnitsUploadClient({ units, defaultUnitId }: { units: { id: number; label: string }[]; defaultUnitId?: number }) {
  const t = useTranslations("adminUnits.import");
  const [state, action, pending] = useActionState(uploadUnitsImportAction, initialActionResult);
  // Refused here, in words: past the actions' body limit the server answers with its error page.
  const [tooLarge, setTooLarge] = useState(false);
  const message = tooLarge ? t("fileTooLarge") : state.message;
  return (
    <form
      action={action}
      className="form"
      data-testid="units-upload"
      onSubmit={(event) => {
        const refuse = uploadTooLarge(event.currentTarget);
        setTooLarge(refuse);
        if (refuse) event.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor="units-file">{t("file")}</label>
        <input
          id="units-file"
          name="file"
          type="file"
          accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="underUnitId">{t("under")}</label>
        <select id="underUnitId" name="underUnitId" defaultValue={defaultUnitId} aria-describedby="underUnitId-hint">
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
        <p className="hint" id="underUnitId-hint">
          {t("underHint")}
        </p>
      </div>
      <div className="form-footer">
        {message ? (
          <p className="notice error" role="status">
            {message}
          </p>
        ) : null}
        <button className="button primary" type="submit" disabled={pending}>
          {pending ? t("uploading") : t("upload")}
        </button>
      </div>
    </form>
  );
}

/** Step 2: write what the preview shows (planned again on the server). */
export function UnitsCommitClient({ batchId, count }: { batchId: number; count: number }) {
  const t = useTranslations("adminUnits.import");
  const [state, action, pending] = useActionState(commitUnitsImportAction, initialActionResult);
  return (
    <form action={action} className="row-actions">
      <input type="hidden" name="batchId" value={batchId} />
      <button className="button primary" type="submit" disabled={pending}>
        {t("commit", { count })}
      </button>
      {state.message ? (
        <p className="notice error" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
