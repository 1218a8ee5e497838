/**
 * One-time passwords for new and reset accounts: handed out on paper, typed once
 * on a phone, then replaced (must_change_password). Ten characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L), uniformly drawn from the
 * system's CSPRNG: about 49 bits, plenty for a password that lives a few days
 * behind sign-in throttling.
 */
import { randomInt } from "node:crypto";

export const ONE_TIME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ONE_TIME_LENGTH = 10;

export function generateOneTimePassword(): string {
  let out = "";
  for (let i = 0; i < ONE_TIME_LENGTH; i++) out += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
  return out;
}
