import { DocumentTitle, PartyHeading } from "@/components/documents/party-heading";
import { Recipients, Signature } from "@/components/documents/signature";
import type { Letter as LetterData } from "@/lib/invitations/get-letters";
import { letterDate, letterDateTime } from "@/lib/time/long-date";

/**
 * One invitation letter (giấy mời) in the Party document format (Hướng dẫn 36-HD/VPTW, decision 0023):
 * heading, document type and subject, "Kính gửi", content, the QR with "Nơi nhận" on the left and the
 * signature block on the right. All text is rendered by React, so imported names are escaped; the SVG
 * is generated from the token (A–Z, 2–7) on the server. `copy` prints "(Đã ký)" for a copy; an original
 * leaves the space for the signature and the seal.
 */
export function Letter({ letter, qr, copy = false }: { letter: LetterData; qr: string; copy?: boolean }) {
  return (
    <article className="letter" data-invitation={letter.invitationId}>
      <PartyHeading
        heading={letter.heading}
        number={<>Số {letter.letterNumber}</>}
        placeDate={
          <>
            {letter.placeName}, {letter.issuedAt ? letterDate(letter.issuedAt) : ""}
          </>
        }
      />
      <DocumentTitle type="GIẤY MỜI" subject={letter.title} />
      <p className="recipient">
        <strong>Kính gửi:</strong> Đồng chí <strong>{letter.fullName}</strong>
        {letter.position || letter.workplace ? <>, {[letter.position, letter.workplace].filter(Boolean).join(", ")}</> : null}
      </p>
      <div className="letter-body">
        <p>
          {letter.bodyName} tổ chức {letter.title.charAt(0).toLocaleLowerCase("vi") + letter.title.slice(1)}.
        </p>
        <p>
          <strong>Thời gian:</strong> {letterDateTime(letter.startsAt)}.
        </p>
        <p>
          <strong>Địa điểm:</strong> {letter.venue}
          {letter.address ? `, ${letter.address}` : ""}
          {letter.isMainSite ? "" : " (điểm cầu)"}.
        </p>
        {letter.chair ? (
          <p>
            <strong>Chủ trì:</strong> {letter.chair}.
          </p>
        ) : null}
        {letter.audience ? (
          <p>
            <strong>Thành phần:</strong> {letter.audience}.
          </p>
        ) : null}
        <p>
          Đề nghị đồng chí bố trí thời gian đến dự đầy đủ, đúng giờ. Khi đến, xuất trình mã QR trên giấy mời này (hoặc trên điện thoại) để điểm danh. Nếu không
          dự được, đề nghị báo lại cơ quan tổ chức và cử người đi thay (nếu được).
        </p>
        {letter.contact ? (
          <p>
            <strong>Liên hệ:</strong> {letter.contact}.
          </p>
        ) : null}
      </div>
      <footer className="doc-foot">
        <div className="doc-foot-left">
          <Recipients label="Nơi nhận" lines={["- Như trên,", "- Lưu Văn phòng."]} />
          <div className="letter-qr">
            <div className="qr" dangerouslySetInnerHTML={{ __html: qr }} />
            <p>Xuất trình mã QR khi đến dự</p>
          </div>
        </div>
        <Signature block={letter.signature} copy={copy} />
      </footer>
    </article>
  );
}
