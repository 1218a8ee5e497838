import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appSettings } from "@/db/schema";

export const DEMO_SETTING = "demo";

/** Whether this database holds the demo (the login page then lists the demo accounts). */
export function isDemoData(db: Db): boolean {
  return db.select().from(appSettings).where(eq(appSettings.key, DEMO_SETTING)).get()?.value === "1";
}
