import type { SignatureBlock } from "@/lib/documents/signature-block";

/**
 * The signature block: authority and title in bold capitals, space for the signature and the seal,
 * the signer's name in bold. An original leaves the space blank for the pen; only a copy says "(Đã ký)".
 * `name` replaces the stored name (the printed report lets the unit write it on the page).
 */
export function Signature({ block, copy = false, name }: { block: SignatureBlock; copy?: boolean; name?: React.ReactNode }) {
  return (
    <div className="doc-signature" data-testid="doc-signature">
      {block.authority ? <p className="doc-authority">{block.authority}</p> : null}
      <p className="doc-authority">{block.title || "\u00a0"}</p>
      <p className={copy ? "doc-signed-copy" : "doc-sign-space"}>{copy ? "(Đã ký)" : "\u00a0"}</p>
      {name ?? <p className="doc-signer-name">{block.name || "\u00a0"}</p>}
    </div>
  );
}

/** "Nơi nhận:" underlined, then one recipient a line. */
export function Recipients({ label, lines }: { label: string; lines: string[] }) {
  return (
    <div className="doc-recipients">
      <p className="doc-recipients-label">{label}:</p>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
