/**
 * After the web server has seeded data/e2e/app.db: open the practice
 * conference's door now (whatever the hour the suite runs), and write the
 * camera feed showing the QR of its first invitation.
 */
import { asc, eq, isNull } from "drizzle-orm";
import { conferences, invitations } from "@/db/schema";
import { writeQrVideo } from "./camera-feed";
import { CAMERA_FEED } from "./e2e-env";
import { e2eDb } from "./fixtures";

export default function globalSetup() {
  const db = e2eDb();
  const practice = db.select().from(conferences).where(isNull(conferences.requirementId)).get()!;
  const now = Date.now();
  db.update(conferences)
    .set({ startsAt: new Date(now - 30 * 60_000), endsAt: new Date(now + 6 * 3600_000), status: "in_progress" })
    .where(eq(conferences.id, practice.id))
    .run();
  const first = db.select().from(invitations).where(eq(invitations.conferenceId, practice.id)).orderBy(asc(invitations.id)).get()!;
  writeQrVideo(CAMERA_FEED, first.token!);
}
