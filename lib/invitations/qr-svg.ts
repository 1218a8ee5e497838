import QRCode from "qrcode";

/** The white margin around the code, in modules: the 4 that ISO/IEC 18004 asks for, so that a cheap scanner finds it on a busy page. */
export const QUIET_ZONE_MODULES = 4;

/**
 * The QR of a token as inline SVG. Tokens are A–Z and 2–7 only, so the code uses
 * alphanumeric mode; level M survives a crease or a smudge on a printed letter.
 */
export function qrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: QUIET_ZONE_MODULES });
}
