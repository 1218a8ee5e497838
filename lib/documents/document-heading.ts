/**
 * The top-left heading of a Party document (Hướng dẫn 36-HD/VPTW): the directly superior body on
 * the first line, the issuing body in bold under it, then "*". A body's own `headingName` wins;
 * without one it is derived from the body's name, so that older data prints sensibly:
 * "Ban Tuyên giáo Huyện ủy Ba Tơ" under "HUYỆN ỦY BA TƠ" → "BAN TUYÊN GIÁO";
 * "Ban Thường vụ Tỉnh ủy" (a collective of the committee) → "TỈNH ỦY QUẢNG NGÃI".
 * Pure: used by the letters, the printed report and their tests.
 */

export interface HeadingSource {
  name: string;
  kind: string;
  parentLine: string;
  headingName: string;
  /** The place of the body's unit, "Quảng Ngãi", "Ba Tơ": completes a committee named without it. */
  placeName: string;
}

export interface DocumentHeading {
  /** The directly superior body, or null when the issuer stands alone ("TỈNH ỦY QUẢNG NGÃI"). */
  superior: string | null;
  issuer: string;
}

/** A line of a Party document in capitals, as the guide prints them: NFC, one space between words. */
export const upper = (text: string) => text.normalize("NFC").toLocaleUpperCase("vi").replace(/\s+/g, " ").trim();

/** "Ban Thường vụ Huyện ủy Ba Tơ" → "Huyện ủy Ba Tơ": the committee a Standing Committee belongs to, as written. */
export const committeeName = (standingCommitteeName: string) => standingCommitteeName.replace(/^\s*Ban Thường vụ\s+/iu, "");

/** "Ban Thường vụ Huyện ủy Ba Tơ" → "HUYỆN ỦY BA TƠ"; "Ban Thường vụ Tỉnh ủy" → "TỈNH ỦY QUẢNG NGÃI". */
export function committeeOf(standingCommitteeName: string, placeName: string): string {
  const committee = upper(committeeName(standingCommitteeName));
  const place = upper(placeName);
  return place && !committee.includes(place) ? `${committee} ${place}` : committee;
}

/** Removes from the end of `issuer` the longest run of whole words that begins or ends `superior`, if something remains. */
function withoutSuperior(issuer: string, superior: string): string {
  const words = issuer.split(" ");
  for (let start = 1; start < words.length; start++) {
    const tail = words.slice(start).join(" ");
    if (superior === tail || superior.startsWith(`${tail} `) || superior.endsWith(` ${tail}`)) return words.slice(0, start).join(" ");
  }
  return issuer;
}

export function documentHeading(body: HeadingSource): DocumentHeading {
  const superior = upper(body.parentLine) || null;
  if (body.headingName.trim()) return { superior, issuer: upper(body.headingName) };
  if (body.kind === "standing_committee" || /^\s*Ban Thường vụ\s/iu.test(body.name)) {
    // Documents of the Standing Committee are issued in the committee's name.
    const issuer = committeeOf(body.name, body.placeName);
    return { superior: superior && superior !== issuer ? superior : null, issuer };
  }
  const issuer = upper(body.name);
  return { superior, issuer: superior ? withoutSuperior(issuer, superior) : issuer };
}

/** Words that begin the place part of a name: a long heading line breaks before the last of them. */
const PLACE_WORDS = /\s(?=(?:TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)\s)/gu;

/**
 * A heading line as printed: one line when short, otherwise broken where an official would break it,
 * before the place ("LIÊN ĐOÀN LAO ĐỘNG" / "HUYỆN BA TƠ") or before "VÀ" ("PHÒNG GIÁO DỤC" / "VÀ ĐÀO TẠO"),
 * never inside a word group.
 */
export function headingLines(text: string, maxChars = 24): string[] {
  if (text.length <= maxChars) return [text];
  const places = [...text.matchAll(PLACE_WORDS)].map((m) => m.index).filter((i) => i > 0);
  const at = places.length > 0 ? places[places.length - 1] : text.lastIndexOf(" VÀ ");
  return at > 0 ? [text.slice(0, at).trim(), text.slice(at).trim()] : [text];
}
