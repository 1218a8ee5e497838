import QRCode from "qrcode";

/**
 * The QR of a token as inline SVG. Tokens are A–Z and 2–7 only, so the code uses
 * alphanumeric mode; level M survives a crease or a smudge on a printed letter.
 */
export function qrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
