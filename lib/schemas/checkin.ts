import { z } from "zod";
import { cleanTokenText } from "@/lib/tokens/normalize-token";
import { trimmedText } from "./text";

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const nonce = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** A scanned token: spaces and invisible characters dropped, upper-cased (Caps Lock); the judges undo input methods (normalize-token.ts). */
const scannedToken = z.string().max(400).transform(cleanTokenText);
const deviceTime = z.union([z.number().int().positive(), z.string().datetime({ offset: true })]).transform((v) => new Date(v));

/**
 * The body of POST /api/checkin: a scanned token, or the invitation chosen by
 * hand from the roster. Tokens are checked by the verdict, not here: any text gets an answer.
 */
export const checkInRequestSchema = z
  .object({
    token: scannedToken.optional(),
    invitationId: id.optional(),
    siteId: id,
    deviceId: trimmedText().min(1).max(64),
    nonce,
    scannedAt: deviceTime,
    method: z.enum(["camera", "hardware", "manual"]).default("camera"),
    offline: z.boolean().default(false),
  })
  .refine((v) => (v.token === undefined) !== (v.invitationId === undefined), { path: ["token"], message: "token or invitationId" });
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

/** Bodies larger than this are refused (413) as soon as they pass it (lib/http/read-body.ts). */
export const MAX_CHECKIN_BODY_BYTES = 4096;

export const substituteRequestSchema = z.object({
  siteId: id,
  invitationId: id,
  name: trimmedText().min(2).max(120),
  position: trimmedText().max(200).default(""),
});

export const walkInRequestSchema = z.object({
  siteId: id,
  fullName: trimmedText().min(2).max(120),
  position: trimmedText().max(200).default(""),
  workplace: trimmedText().max(300).default(""),
  deviceId: trimmedText().min(1).max(64),
  nonce,
  scannedAt: deviceTime,
  offline: z.boolean().default(false),
});

export const undoRequestSchema = z.object({
  siteId: id,
  invitationId: id,
  reason: trimmedText().min(3).max(500),
});

/** A door device's queue, sent when the network is back: at most this many scans per request. */
export const MAX_BATCH_ITEMS = 200;
/** 200 walk-ins at their longest (620 characters, up to 3 bytes each in UTF-8) are about 420 KB. */
export const MAX_BATCH_BODY_BYTES = 1024 * 1024;

/** POST /api/checkin/batch: the envelope; each item is parsed on its own, so one bad item does not hold up the rest. */
export const checkInBatchSchema = z.object({
  siteId: id,
  items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS),
});

export const batchItemSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("scan"),
    token: scannedToken.optional(),
    invitationId: id.optional(),
    deviceId: trimmedText().min(1).max(64),
    nonce,
    scannedAt: deviceTime,
    method: z.enum(["camera", "hardware", "manual"]).default("camera"),
  }),
  walkInRequestSchema.omit({ siteId: true, offline: true }).extend({ type: z.literal("walk_in") }),
]);
export type BatchItem = z.infer<typeof batchItemSchema>;
