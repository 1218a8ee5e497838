/**
 * The invitation QR token (docs/decisions/0007-qr-token.md).
 *
 *   payload  = format (1 byte, = 1) · invitation id (uint32) · conference id (uint32) · token version (uint16)
 *   token    = Base32(payload · Ed25519 signature of payload)      → 120 characters, A–Z 2–7
 *
 * Signed with the campaign's private key, which never leaves the server; a door
 * device holding the public key can verify a token offline. The token holds no
 * personal data. Revocation (a revoked invitation, or an older token version
 * after a reissue) is checked against the invitation, not in the token.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { base32Decode, base32Encode } from "./base32";

export const TOKEN_FORMAT = 1;
const PAYLOAD_BYTES = 11;
const SIGNATURE_BYTES = 64;
export const TOKEN_LENGTH = Math.ceil(((PAYLOAD_BYTES + SIGNATURE_BYTES) * 8) / 5);

export interface TokenPayload {
  invitationId: number;
  conferenceId: number;
  tokenVersion: number;
}

export interface CampaignKeys {
  /** PKCS#8 DER, base64: server only. */
  privateKey: string;
  /** SPKI DER, base64: given to door devices. */
  publicKey: string;
}

export function generateCampaignKeys(): CampaignKeys {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

/** The 32-byte raw public key (what WebCrypto imports as "raw"), base64. */
export function rawPublicKey(spkiBase64: string): string {
  return Buffer.from(spkiBase64, "base64").subarray(-32).toString("base64");
}

function encodePayload(p: TokenPayload): Buffer {
  const bytes = Buffer.alloc(PAYLOAD_BYTES);
  bytes.writeUInt8(TOKEN_FORMAT, 0);
  bytes.writeUInt32BE(p.invitationId, 1);
  bytes.writeUInt32BE(p.conferenceId, 5);
  bytes.writeUInt16BE(p.tokenVersion, 9);
  return bytes;
}

const keyCache = new Map<string, KeyObject>();
function privateKeyObject(der: string) {
  let key = keyCache.get(der);
  if (!key) keyCache.set(der, (key = createPrivateKey({ key: Buffer.from(der, "base64"), format: "der", type: "pkcs8" })));
  return key;
}
function publicKeyObject(der: string) {
  let key = keyCache.get(der);
  if (!key) keyCache.set(der, (key = createPublicKey({ key: Buffer.from(der, "base64"), format: "der", type: "spki" })));
  return key;
}

export function signToken(payload: TokenPayload, privateKey: string): string {
  const body = encodePayload(payload);
  const signature = sign(null, body, privateKeyObject(privateKey));
  return base32Encode(Buffer.concat([body, signature]));
}

export type ParsedToken = { ok: true; payload: TokenPayload; body: Uint8Array; signature: Uint8Array } | { ok: false };

/** Reads a token's shape without checking its signature. Whitespace around it is ignored. */
export function parseToken(text: string): ParsedToken {
  const trimmed = text.trim();
  if (trimmed.length !== TOKEN_LENGTH) return { ok: false };
  const bytes = base32Decode(trimmed);
  if (!bytes || bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes[0] !== TOKEN_FORMAT) return { ok: false };
  const view = Buffer.from(bytes);
  return {
    ok: true,
    payload: { invitationId: view.readUInt32BE(1), conferenceId: view.readUInt32BE(5), tokenVersion: view.readUInt16BE(9) },
    body: bytes.subarray(0, PAYLOAD_BYTES),
    signature: bytes.subarray(PAYLOAD_BYTES),
  };
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: "malformed" | "bad_signature" };

/** Checks the token's signature with the campaign's public key. */
export function verifyToken(text: string, publicKey: string): TokenCheck {
  const parsed = parseToken(text);
  if (!parsed.ok) return { ok: false, reason: "malformed" };
  const valid = verify(null, parsed.body, publicKeyObject(publicKey), parsed.signature);
  return valid ? { ok: true, payload: parsed.payload } : { ok: false, reason: "bad_signature" };
}
