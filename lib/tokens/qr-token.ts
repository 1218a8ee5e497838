/**
 * Signing and server-side verification of the invitation QR token
 * (docs/decisions/0007-qr-token.md; layout in token-format.ts).
 *
 * Signed with the campaign's private key, which never leaves the server; a door
 * device holding the public key can verify a token offline. The token holds no
 * personal data. Revocation (a revoked invitation, or an older token version
 * after a reissue) is checked against the invitation, not in the token.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { base32Encode } from "./base32";
import { PAYLOAD_BYTES, parseToken, TOKEN_FORMAT, type TokenPayload } from "./token-format";

export { parseToken, TOKEN_LENGTH, type ParsedToken, type TokenPayload } from "./token-format";

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

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: "malformed" | "bad_signature" };

/** Checks the token's signature with the campaign's public key. */
export function verifyToken(text: string, publicKey: string): TokenCheck {
  const parsed = parseToken(text);
  if (!parsed.ok) return { ok: false, reason: "malformed" };
  const valid = verify(null, parsed.body, publicKeyObject(publicKey), parsed.signature);
  return valid ? { ok: true, payload: parsed.payload } : { ok: false, reason: "bad_signature" };
}
