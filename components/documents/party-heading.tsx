import { headingLines, type DocumentHeading } from "@/lib/documents/document-heading";

/** A heading line, broken where an official would break it (lib/documents/document-heading.ts). */
function Lines({ className, text }: { className: string; text: string }) {
  return (
    <p className={className}>
      {headingLines(text).map((line, i) => (
        <span key={i} className="doc-line">
          {line}
        </span>
      ))}
    </p>
  );
}

/**
 * The top of a Party document (Hướng dẫn 36-HD/VPTW): left, the superior body, the issuing body in
 * bold, "*" and the number; right, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the place and date in italics.
 */
export function PartyHeading({
  heading,
  number,
  placeDate,
  partyName = "ĐẢNG CỘNG SẢN VIỆT NAM",
}: {
  heading: DocumentHeading;
  number: React.ReactNode;
  placeDate: React.ReactNode;
  /** The printed report in English says it in English; the letters keep the Vietnamese. */
  partyName?: string;
}) {
  return (
    <header className="doc-head">
      <div className="doc-issuer" data-testid="doc-issuer">
        {heading.superior ? <Lines className="doc-superior" text={heading.superior} /> : null}
        <Lines className="doc-issuer-name" text={heading.issuer} />
        <p className="doc-star">*</p>
        <p className="doc-number">{number}</p>
      </div>
      <div className="doc-party">
        <p className="doc-party-name">{partyName}</p>
        <p className="doc-place-date">{placeDate}</p>
      </div>
    </header>
  );
}

/** The document type in capitals and its subject (trích yếu) under it, then the short rule. */
export function DocumentTitle({ type, subject }: { type: string; subject: React.ReactNode }) {
  return (
    <div className="doc-title">
      <h1 className="doc-type">{type}</h1>
      <p className="doc-subject">{subject}</p>
      <p className="doc-rule" aria-hidden="true">
        -----
      </p>
    </div>
  );
}
