import { firstRow } from "@/db/client";
/**
 * After the web server has seeded data/e2e/app.db: write the camera feed showing the QR of the
 * practice conference's first invitation. The practice conference's door is already open: the
 * seed opens it around the moment of seeding, whatever the hour (docs/decisions/0025) — the suite relies on
 * that instead of moving it.
 */
import { asc, eq } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { practiceConferenceId } from "@/lib/checkin/practice-conference";
import { writeQrVideo } from "./camera-feed";
import { CAMERA_FEED } from "./e2e-env";
import { e2eDb } from "./fixtures";

export default async function globalSetup() {
  const db = await e2eDb();
  const practiceId = await practiceConferenceId(db);
  if (!practiceId) throw new Error("the seed did not record its practice conference");
  const first = (await firstRow(db.select().from(invitations).where(eq(invitations.conferenceId, practiceId)).orderBy(asc(invitations.id))))!;
  writeQrVideo(CAMERA_FEED, first.token!);
}
