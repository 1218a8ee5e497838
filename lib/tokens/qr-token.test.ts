import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode } from "./base32";
import { generateCampaignKeys, parseToken, rawPublicKey, signToken, TOKEN_LENGTH, verifyToken } from "./qr-token";

const keys = generateCampaignKeys();
const other = generateCampaignKeys();
const payload = { invitationId: 123456, conferenceId: 789, tokenVersion: 2 };

describe("Base32", () => {
  it("round-trips bytes with uppercase letters and digits 2–7 only", () => {
    const bytes = Uint8Array.from({ length: 75 }, (_, i) => (i * 37) & 255);
    const text = base32Encode(bytes);
    expect(text).toMatch(/^[A-Z2-7]+$/);
    expect(base32Decode(text)).toEqual(bytes);
  });
  it("refuses lowercase, padding, other letters and cut text", () => {
    const text = base32Encode(Uint8Array.from([1, 2, 3, 4, 5]));
    expect(base32Decode(text.toLowerCase())).toBeNull();
    expect(base32Decode(`${text}=`)).toBeNull();
    expect(base32Decode(text.replace(/.$/, "1"))).toBeNull();
    expect(base32Decode(`${text}A`)).toBeNull();
  });
});

describe("QR token", () => {
  const token = signToken(payload, keys.privateKey);

  it("round-trips: the signed payload comes back", () => {
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Z2-7]{120}$/);
    expect(verifyToken(token, keys.publicKey)).toEqual({ ok: true, payload });
    expect(verifyToken(` ${token}\n`, keys.publicKey)).toEqual({ ok: true, payload });
  });

  it("fails when any character is changed", () => {
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
      expect(verifyToken(changed, keys.publicKey).ok, `position ${i}`).toBe(false);
    }
  });

  it("fails with another campaign's key", () => {
    expect(verifyToken(token, other.publicKey)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyToken(signToken(payload, other.privateKey), keys.publicKey)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("says malformed for cut, lowercase, Telex-mangled or garbage text", () => {
    expect(verifyToken(token.slice(0, 100), keys.publicKey)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyToken(token.toLowerCase(), keys.publicKey)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyToken(`Đ${token.slice(1)}`, keys.publicKey).ok).toBe(false);
    expect(verifyToken("x".repeat(10_000), keys.publicKey)).toEqual({ ok: false, reason: "malformed" });
  });

  it("contains no personal data: only ids, a version and a signature", () => {
    const parsed = parseToken(token);
    expect(parsed.ok && parsed.body.length + parsed.signature.length).toBe(75);
    expect(parsed.ok && parsed.payload).toEqual(payload);
  });

  it("exposes the raw 32-byte public key for door devices", () => {
    expect(Buffer.from(rawPublicKey(keys.publicKey), "base64")).toHaveLength(32);
  });
});
