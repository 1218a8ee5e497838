import { z } from "zod";
import { reasonText, trimmedText } from "./text";

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional());

export const invitationListQuerySchema = z.object({
  q: trimmedText().max(100).optional().catch(undefined),
  site: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(["draft", "issued", "revoked"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export const addByFilterSchema = z.object({
  conferenceId: id,
  siteId: id,
  category: trimmedText()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  unitId: optionalId,
  partyMember: z
    .enum(["", "1", "0"])
    .default("")
    .transform((v) => (v === "" ? undefined : v === "1")),
});

export const addPeopleSchema = z.object({
  conferenceId: id,
  siteId: id,
  personIds: z.array(id).min(1).max(5000),
});

export const invitationActionSchema = z.object({
  conferenceId: id,
  invitationId: id,
});

export const substituteSchema = z.object({
  conferenceId: id,
  invitationId: id,
  name: trimmedText().max(120, "tooLong").default(""),
  position: trimmedText().max(200, "tooLong").default(""),
});

export const moveInvitationSchema = z.object({
  conferenceId: id,
  invitationId: id,
  siteId: id,
});

export const peopleSearchSchema = z.object({
  conferenceId: id,
  q: trimmedText().min(2).max(100),
});

export const letterQuerySchema = z.object({
  size: z.enum(["A4", "A5"]).default("A4").catch("A4"),
  site: z.coerce.number().int().positive().optional().catch(undefined),
  invitation: z.coerce.number().int().positive().optional().catch(undefined),
  /** Letters are printed a batch at a time (LETTER_BATCH_SIZE): page loads stay short on a district computer. */
  batch: z.coerce.number().int().positive().max(100_000).default(1).catch(1),
  /** A copy says "(Đã ký)" where an original leaves the space for the pen. */
  copy: z.enum(["1"]).optional().catch(undefined),
});

/** Revoking a letter asks why (kept, shown on the list, never to the guest). */
export const revokeInvitationSchema = z.object({
  conferenceId: id,
  invitationId: id,
  reason: reasonText(),
});
