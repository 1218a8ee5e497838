import type { Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

type AuditEntry = { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown };

/** One row in the audit log: who changed what, with the values before and after. In the caller's transaction. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: new Date(),
  });
}
