/**
 * The invitation QR token's layout, readable anywhere (server, browser, door
 * device): no Node Buffer, no crypto. Signing and the server's verification are
 * in qr-token.ts; the door device verifies with WebCrypto (lib/checkin/shared/device-judge.ts).
 *
 *   payload  = format (1 byte, = 1) · invitation id (uint32) · conference id (uint32) · token version (uint16)
 *   token    = Base32(payload · Ed25519 signature of payload)      → 120 characters, A–Z 2–7
 */
import { base32Decode } from "./base32";

export const TOKEN_FORMAT = 1;
export const PAYLOAD_BYTES = 11;
export const SIGNATURE_BYTES = 64;
export const TOKEN_LENGTH = Math.ceil(((PAYLOAD_BYTES + SIGNATURE_BYTES) * 8) / 5);

export interface TokenPayload {
  invitationId: number;
  conferenceId: number;
  tokenVersion: number;
}

export type ParsedToken = { ok: true; payload: TokenPayload; body: Uint8Array; signature: Uint8Array } | { ok: false };

/** Reads a token's shape without checking its signature. Whitespace around it is ignored. */
export function parseToken(text: string): ParsedToken {
  const trimmed = text.trim();
  if (trimmed.length !== TOKEN_LENGTH) return { ok: false };
  const bytes = base32Decode(trimmed);
  if (!bytes || bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes[0] !== TOKEN_FORMAT) return { ok: false };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    ok: true,
    payload: { invitationId: view.getUint32(1), conferenceId: view.getUint32(5), tokenVersion: view.getUint16(9) },
    body: bytes.subarray(0, PAYLOAD_BYTES),
    signature: bytes.subarray(PAYLOAD_BYTES),
  };
}
