import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { appSettings } from "@/db/schema";

export const INSTALLATION_SETTING = "installation_id";

/**
 * A random id of this installation, made once and kept in app_settings: calendar UIDs carry it,
 * so that conference 12 of one province and conference 12 of another are two events in a
 * phone that subscribes to both.
 *
 * Every calendar feed and .ics download asks for it: once it exists that is a read, with no write
 * transaction. The first call writes it; two first calls at once (or two processes) keep the one
 * written first (on conflict do nothing) and both answer it.
 */
export async function installationId(db: Db): Promise<string> {
  const stored = await firstRow(db.select().from(appSettings).where(eq(appSettings.key, INSTALLATION_SETTING)));
  if (stored) return stored.value;
  return await transaction(db, async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: INSTALLATION_SETTING, value: randomBytes(8).toString("hex") })
      .onConflictDoNothing();
    return (await firstRow(tx.select().from(appSettings).where(eq(appSettings.key, INSTALLATION_SETTING))))!.value;
  });
}
