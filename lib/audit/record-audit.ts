import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

/** One row in the audit log: who changed what, with the values before and after. */
export function recordAudit(
  db: Db,
  entry: { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): void {
  db.insert(auditLog)
    .values({
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      at: new Date(),
    })
    .run();
}
