import { z } from "zod";
import { CONFERENCE_STATUSES } from "@/db/schema";

/** Filters of the conference list, from the URL. Anything unknown is ignored, never an error page. */
export const conferenceFiltersSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(CONFERENCE_STATUSES).optional().catch(undefined),
});

/** A conference id in a URL: "12" → 12; anything else → null (then 404). */
export function parseConferenceId(value: string): number | null {
  const parsed = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(value);
  return /^\d+$/.test(value) && parsed.success ? parsed.data : null;
}
