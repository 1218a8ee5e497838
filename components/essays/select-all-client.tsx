"use client";

/** The header checkbox: ticks or clears every line's checkbox of the form (they live in the server-rendered table). */
export function SelectAllClient({ formId, label }: { formId: string; label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      title={label}
      onChange={(event) => {
        const checked = event.currentTarget.checked;
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${formId}"][name=invitationIds]`)) {
          box.checked = checked;
          box.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }}
    />
  );
}
