import type { Letter as LetterData } from "@/lib/invitations/get-letters";
import { letterDate, letterDateTime } from "@/lib/time/long-date";

/**
 * One invitation letter (giấy mời) in the Party document format (Hướng dẫn 36-HD/VPTW):
 * issuing body top left with "*" and the number, "ĐẢNG CỘNG SẢN VIỆT NAM" and place and
 * date top right, the document type, "Kính gửi", content, signature block, "Nơi nhận".
 * The QR is the personal check-in code. All text is rendered by React, so imported names
 * are escaped; the SVG is generated from the token (A–Z, 2–7) on the server.
 */
export function Letter({ letter, qr }: { letter: LetterData; qr: string }) {
  const issuer = letter.bodyName.toLocaleUpperCase("vi");
  return (
    <article className="letter" data-invitation={letter.invitationId}>
      <header className="letter-head">
        <div className="issuer">
          <p className="issuer-name">{issuer}</p>
          <p className="star">*</p>
          <p>Số {letter.letterNumber}</p>
        </div>
        <div className="party">
          <p className="party-name">ĐẢNG CỘNG SẢN VIỆT NAM</p>
          <p className="place-date">
            {letter.placeName}, {letter.issuedAt ? letterDate(letter.issuedAt) : ""}
          </p>
        </div>
      </header>
      <h1 className="letter-type">GIẤY MỜI</h1>
      <p className="letter-subject">{letter.title}</p>
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
          Đề nghị đồng chí bố trí thời gian đến dự đầy đủ, đúng giờ. Khi đến, xuất trình mã QR trên giấy mời này (hoặc trên
          điện thoại) để điểm danh. Nếu không dự được, đề nghị báo lại cơ quan tổ chức và cử người đi thay (nếu được).
        </p>
        {letter.contact ? (
          <p>
            <strong>Liên hệ:</strong> {letter.contact}.
          </p>
        ) : null}
      </div>
      <footer className="letter-foot">
        <div className="letter-qr">
          <div className="qr" dangerouslySetInnerHTML={{ __html: qr }} />
          <p>Xuất trình mã QR khi đến dự</p>
        </div>
        <div className="signature">
          <p className="authority">T/M {issuer}</p>
          <p className="signed">(Đã ký)</p>
        </div>
      </footer>
      <div className="recipients">
        <p>
          <u>
            <em>Nơi nhận:</em>
          </u>
        </p>
        <p>- Như trên,</p>
        <p>- Lưu Văn phòng.</p>
      </div>
    </article>
  );
}
