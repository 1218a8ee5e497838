import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { firstRow, transaction, type Db } from "@/db/client";
import { appSettings } from "@/db/schema";

export const INSTALLATION_SETTING = "installation_id";

/**
 * A random id of this installation, made once and kept in app_settings: calendar UIDs carry it,
 * so that conference 12 of one province and conference 12 of another are two events in a
 * phone that subscribes to both.
 */
export async function installationId(db: Db): Promise<string> {
  return await transaction(db, async (db) => {
    const stored = await firstRow(db.select().from(appSettings).where(eq(appSettings.key, INSTALLATION_SETTING)));
    if (stored) return stored.value;
    await db
      .insert(appSettings)
      .values({ key: INSTALLATION_SETTING, value: randomBytes(8).toString("hex") })
      .onConflictDoNothing();
    return (await firstRow(db.select().from(appSettings).where(eq(appSettings.key, INSTALLATION_SETTING))))!.value;
  });
}
