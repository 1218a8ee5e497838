import { eq } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { appSettings } from "@/db/schema";

export const DEMO_SETTING = "demo";

/** Which demo this database holds: "2021" (Quảng Ngãi after its 20th congress, DEMO=1), "2025" (after the reform, DEMO=2025), or none. */
export type DemoVariant = "2021" | "2025";

/** What the demo setting holds for each demo (DEMO=1 writes "1", DEMO=2025 writes "2025"). */
export const DEMO_SETTING_VALUES: Record<DemoVariant, string> = { "2021": "1", "2025": "2025" };

export async function demoVariant(db: Db): Promise<DemoVariant | null> {
  const value = (await firstRow(db.select().from(appSettings).where(eq(appSettings.key, DEMO_SETTING))))?.value;
  return (Object.keys(DEMO_SETTING_VALUES) as DemoVariant[]).find((v) => DEMO_SETTING_VALUES[v] === value) ?? null;
}

/** Whether this database holds a demo (the login page then lists its accounts). */
export async function isDemoData(db: Db): Promise<boolean> {
  return (await demoVariant(db)) !== null;
}
