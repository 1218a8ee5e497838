"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { DoorDevice } from "@/lib/checkin/device/door-device";
import type { ScanResult } from "@/lib/checkin/shared/scan-result";

async function postJson(url: string, body: unknown) {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { ok: response.ok, body: await response.json().catch(() => ({})) };
  } catch {
    return { ok: false, body: {} };
  }
}

interface Props {
  siteId: number;
  device: DoorDevice | null;
  /** The verdict on screen (null: none, a walk-in or an error). Rendered with a new key at each verdict, so every step starts closed. */
  result: ScanResult | null;
  online: boolean;
  canUndo: boolean;
  /** Back to the hardware scanner's field: the next guest is already at the door. */
  focusInput: () => void;
}

/**
 * What can follow a check-in or a duplicate: a substitute written on the letter, and (for those
 * allowed) the undo with its confirmation step and reason. Both need the network.
 */
export function DoorFollowUp({ siteId, device, result, online, canUndo, focusInput }: Props) {
  const t = useTranslations("scan");
  const safety = useTranslations("safety");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [substituteOpen, setSubstituteOpen] = useState(false);
  /** The undo's confirmation step: open, and its refusal (a reason too short). */
  const [undoOpen, setUndoOpen] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const shownInvitation = result?.invitationId;

  async function saveSubstitute(form: FormData) {
    if (!shownInvitation) return;
    const { ok, body } = await postJson("/api/checkin/substitute", {
      siteId,
      invitationId: shownInvitation,
      name: String(form.get("name") ?? ""),
      position: String(form.get("position") ?? ""),
    });
    setNote(ok ? { ok: true, text: t("substituteSaved") } : { ok: false, text: body.message ?? t("networkError") });
    if (ok) setSubstituteOpen(false);
    focusInput();
  }

  /** Undoes the shown check-in, once the step has said what it does and the reason is given. */
  async function undo(form: FormData) {
    if (!shownInvitation) return;
    const reason = String(form.get("reason") ?? "").trim();
    if (reason.length < 3 || reason.length > 500) {
      setUndoError(safety(reason.length < 3 ? "errors.reasonTooShort" : "errors.reasonTooLong"));
      return;
    }
    const { ok, body } = await postJson("/api/checkin/undo", { siteId, invitationId: shownInvitation, reason });
    if (ok) {
      setUndoOpen(false);
      setUndoError(null);
      await device?.forget(shownInvitation);
      // Back to the scanner's input: the next guest is already at the door. Before the note, so that
      // a cadre who starts typing elsewhere once it shows does not lose the focus to this.
      focusInput();
    }
    setNote(ok ? { ok: true, text: t("undone") } : { ok: false, text: body.message ?? t("networkError") });
  }

  return (
    <>
      {/* Always there, empty when the verdict has no follow-up: the camera below does not jump at each verdict. */}
      <div className="row-actions door-followup">
        {result?.invitationId && (result.verdict === "ok" || result.verdict === "duplicate") ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSubstituteOpen((v) => !v);
                setUndoOpen(false);
              }}
              disabled={!online}
              title={online ? undefined : t("needsNetwork")}
            >
              {t("substituteButton")}
            </button>
            {canUndo && result.verdict === "ok" ? (
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setUndoOpen((v) => !v);
                  setUndoError(null);
                  setSubstituteOpen(false);
                }}
                aria-expanded={undoOpen}
                disabled={!online}
                title={online ? undefined : t("needsNetwork")}
              >
                {t("undoButton")}
              </button>
            ) : null}
            {!online ? <span className="muted small">{t("needsNetwork")}</span> : null}
          </>
        ) : null}
      </div>
      {undoOpen && online && result?.attendee ? (
        <div className="card confirm-step danger" role="group" aria-labelledby="undo-title">
          <p className="confirm-step-title" id="undo-title">
            {safety("checkin.undoTitle", { name: result.attendee.name })}
          </p>
          <p className="small">{safety("checkin.undoHint")}</p>
          <form className="stack-sm" action={undo} noValidate>
            <div className={`field${undoError ? " has-error" : ""}`}>
              <label htmlFor="undo-reason">{safety("checkin.reason")}</label>
              <textarea
                id="undo-reason"
                name="reason"
                rows={2}
                minLength={3}
                maxLength={500}
                required
                autoFocus
                aria-invalid={undoError ? true : undefined}
                aria-describedby={undoError ? "undo-reason-error" : undefined}
              />
              {undoError ? (
                <p className="field-error" id="undo-reason-error">
                  {undoError}
                </p>
              ) : null}
            </div>
            <div className="row-actions">
              <button className="button danger solid" type="submit">
                {safety("checkin.confirmUndo")}
              </button>
              <button
                type="button"
                className="button subtle-dark"
                onClick={() => {
                  setUndoOpen(false);
                  focusInput();
                }}
              >
                {safety("back")}
              </button>
            </div>
          </form>
        </div>
      ) : null}
      {substituteOpen && online ? (
        <form className="card form grid-2" action={saveSubstitute}>
          <div className="field">
            <label htmlFor="sub-name">{t("substituteName")}</label>
            <input id="sub-name" name="name" required minLength={2} maxLength={120} autoFocus />
          </div>
          <div className="field">
            <label htmlFor="sub-position">{t("substitutePosition")}</label>
            <input id="sub-position" name="position" maxLength={200} />
          </div>
          <div>
            <button className="button primary" type="submit">
              {t("substituteSave")}
            </button>
          </div>
        </form>
      ) : null}
      {note ? (
        <p className={`notice ${note.ok ? "success" : "error"}`} role="status" data-testid="door-note">
          {note.text}
        </p>
      ) : null}
    </>
  );
}
