/**
 * "Invited", as SQL, for every page that counts (lib/reports/attendance-rules.ts): issued
 * invitations of kind "invited". Drafts are not sent yet, a revoked letter is not counted at all,
 * and a walk-in (khách không có giấy mời) has no invitation to count. The conference list, its
 * page, its edit page, the home page and the reports all count through this one condition, so
 * that one conference shows one number everywhere (docs/decisions/0026: it was 99 on the edit page, 98 elsewhere).
 */
import { and, eq, type SQL } from "drizzle-orm";
import { invitations } from "@/db/schema";

export function countedInvitation(): SQL {
  return and(eq(invitations.kind, "invited"), eq(invitations.status, "issued"))!;
}
