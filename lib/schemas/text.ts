/**
 * Free text as the app stores it: trimmed and in Unicode NFC. macOS tools and
 * some keyboards send Vietnamese decomposed (NFD: "e" + U+0302 + U+0301 for
 * "ế"); stored as sent, the same name would then be two strings that compare,
 * sort and count as different people. Every schema that takes text uses this.
 */
import { z } from "zod";

/** NUL characters: no text means one, and PostgreSQL's text cannot hold it (a hand-made request would fail there). */
const withoutNul = (value: string) => value.replaceAll("\u0000", "");

/** Text in NFC; for values that do not come through a zod schema (cells of an imported file). */
export const toNfc = (value: string) => withoutNul(value).normalize("NFC");

/** z.string(), without NUL characters, trimmed and normalised to NFC before any length check. */
export const trimmedText = () => z.string().overwrite(withoutNul).trim().normalize("NFC");

/** Why a destructive action was taken (a revoke, an undone check-in): kept in the audit log. 3–500 characters. */
export const reasonText = () => trimmedText().min(3, "reasonTooShort").max(500, "reasonTooLong");
