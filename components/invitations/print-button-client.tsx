"use client";

export function PrintButtonClient({ label }: { label: string }) {
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
