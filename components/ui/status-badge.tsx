/** A small coloured label for a conference or progress status (text always shown, not colour alone). */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {label}
    </span>
  );
}
