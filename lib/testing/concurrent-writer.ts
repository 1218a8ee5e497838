/**
 * One of several processes writing to one database file at once, for the tests
 * of concurrent writes (lib/testing/concurrent-writes.test.ts). Run with tsx:
 *   tsx lib/testing/concurrent-writer.ts '{"file":…,"task":…,"startAt":…}'
 * It waits until startAt (so that the processes start together), runs its task
 * with the app's own functions, and prints one JSON line with what happened.
 */
import { closeDatabase, openDatabase } from "@/db/client";
import { admitAttempt } from "@/lib/auth/throttle";
import { loadSessionUser } from "@/lib/auth/session-user";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { recordAbsence, recordMakeUp } from "@/lib/reports/record-absence";

type Job =
  | { file: string; task: "keys"; startAt: number; campaignId: number }
  | { file: string; task: "writes"; startAt: number; userId: number; invitationIds: number[]; rounds: number };

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const db = openDatabase(job.file);
while (Date.now() < job.startAt) {
  // Busy-wait: the processes start within a millisecond of each other.
}

if (job.task === "keys") {
  console.log(JSON.stringify({ keys: await ensureCampaignKeys(db, job.campaignId) }));
} else {
  const user = await loadSessionUser(db, job.userId, 1);
  if (!user) throw new Error("no such user");
  const errors: string[] = [];
  let done = 0;
  const reasons = ["illness", "business_trip", "family", ""] as const;
  for (let round = 0; round < job.rounds; round++) {
    for (const invitationId of job.invitationIds) {
      try {
        // Read-then-write transactions of the kind the pages' server actions run.
        await recordAbsence(db, user, { invitationId, reason: reasons[(round + invitationId) % reasons.length]!, note: `vòng ${round}` });
        await recordMakeUp(db, user, { invitationId, date: round % 2 ? "2026-12-20" : null, note: "học bù" });
        await admitAttempt(db, `may.${process.pid}.${round}`, null);
        done++;
      } catch (error) {
        errors.push(error instanceof Error ? `${(error as { code?: string }).code ?? ""} ${error.message}` : String(error));
      }
    }
  }
  console.log(JSON.stringify({ done, errors: errors.slice(0, 5), errorCount: errors.length }));
}
await closeDatabase(db);
