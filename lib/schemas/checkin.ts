import { z } from "zod";

/** The body of POST /api/checkin. Tokens are checked by the verdict, not here: any text gets an answer. */
export const checkInRequestSchema = z.object({
  token: z.string().max(400),
  siteId: z.number().int().positive().max(2 ** 31),
  deviceId: z.string().trim().min(1).max(64),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  scannedAt: z.union([z.number().int().positive(), z.string().datetime({ offset: true })]).transform((v) => new Date(v)),
  method: z.enum(["camera", "hardware", "manual"]).default("camera"),
  offline: z.boolean().default(false),
});
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

/** Bodies larger than this are refused before parsing. */
export const MAX_CHECKIN_BODY_BYTES = 4096;

const id = z.number().int().positive().max(2 ** 31);

export const substituteRequestSchema = z.object({
  siteId: id,
  invitationId: id,
  name: z.string().trim().min(2).max(120),
  position: z.string().trim().max(200).default(""),
});

export const walkInRequestSchema = z.object({
  siteId: id,
  fullName: z.string().trim().min(2).max(120),
  position: z.string().trim().max(200).default(""),
  workplace: z.string().trim().max(300).default(""),
  deviceId: z.string().trim().min(1).max(64),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  scannedAt: z.union([z.number().int().positive(), z.string().datetime({ offset: true })]).transform((v) => new Date(v)),
});

export const undoRequestSchema = z.object({
  siteId: id,
  invitationId: id,
  reason: z.string().trim().min(3).max(500),
});
