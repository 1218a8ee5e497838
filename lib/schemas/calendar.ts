import { z } from "zod";
import { CELL_STATUSES } from "@/lib/board/get-board";

export const CALENDAR_VIEWS = ["dayGridMonth", "timeGridWeek", "listMonth"] as const;

/** The calendar's URL: view, date and filters, so that a link can be shared. Bad values are ignored. */
export const calendarQuerySchema = z.object({
  campaign: z.coerce.number().int().positive().optional().catch(undefined),
  level: z.enum(["province", "district"]).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  /** A body kind key (kinds are data: any key of the body_kinds table). */
  body: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional()
    .catch(undefined),
  view: z.enum(CALENDAR_VIEWS).optional().catch(undefined),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const boardQuerySchema = z.object({
  campaign: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(CELL_STATUSES).optional().catch(undefined),
});
