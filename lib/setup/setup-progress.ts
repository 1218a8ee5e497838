/**
 * The first-run checklist (docs/decisions/0021): what an administrator still has to set up
 * before a province can run a campaign, in the order it is done. Each step is
 * read from the data itself, within the admin's own scope, so the list shrinks
 * as the work is done and nothing has to be ticked by hand.
 */
import { and, count, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { bodies, campaignRequirements, campaigns, people, units, users } from "@/db/schema";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

export const SETUP_STEPS = ["root", "units", "bodies", "campaign", "users", "people"] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

export interface SetupStep {
  key: SetupStepKey;
  done: boolean;
  /** How many of the step's things exist (units below the root, bodies, campaigns with requirements…). */
  count: number;
  /** Where the admin does it. */
  href: string;
}

const HREF: Record<SetupStepKey, string> = {
  root: "/admin/units",
  units: "/admin/units",
  bodies: "/admin/bodies",
  campaign: "/admin/campaigns",
  users: "/admin/users",
  people: "/people/import",
};

export async function getSetupProgress(db: Db, user: SessionUser): Promise<SetupStep[]> {
  const inScope = and(unitReadScope(user), isNull(units.retiredAt));
  const root = (await firstRow(
    db
      .select({ n: count() })
      .from(units)
      .where(and(inScope, isNull(units.parentId))),
  ))!.n;
  // Units below the admin's own: the root's for the province's admin, their own unit's for a commune's.
  const below = (await firstRow(
    db
      .select({ n: count() })
      .from(units)
      .where(and(inScope, isNotNull(units.parentId), ne(units.id, user.unitId))),
  ))!.n;
  const bodyCount = (await firstRow(
    db
      .select({ n: count() })
      .from(bodies)
      .innerJoin(units, eq(units.id, bodies.unitId))
      .where(and(inScope, isNull(bodies.retiredAt))),
  ))!.n;
  const campaignCount = (await firstRow(
    db
      .select({ n: sql<number>`count(distinct ${campaigns.id})`.mapWith(Number) })
      .from(campaigns)
      .innerJoin(campaignRequirements, eq(campaignRequirements.campaignId, campaigns.id))
      .where(isNull(campaigns.archivedAt)),
  ))!.n;
  const userCount = (await firstRow(
    db
      .select({ n: count() })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(inScope, ne(users.id, user.id))),
  ))!.n;
  const peopleCount = (await firstRow(db.select({ n: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(inScope)))!.n;
  // A delegated admin's "root" is their own unit: it exists by definition.
  const counts: Record<SetupStepKey, number> = {
    root: user.scopeUnitIds === "all" ? root : 1,
    units: below,
    bodies: bodyCount,
    campaign: campaignCount,
    users: userCount,
    people: peopleCount,
  };
  return SETUP_STEPS.map((key) => ({ key, count: counts[key], done: counts[key] > 0, href: HREF[key] }));
}

export function isSetUp(steps: SetupStep[]): boolean {
  return steps.every((s) => s.done);
}

/** Whether any study campaign exists: pages that read one show an empty state, not a 404, on a new installation. */
export async function hasCampaign(db: Db): Promise<boolean> {
  return (await firstRow(db.select({ id: campaigns.id }).from(campaigns).limit(1))) !== undefined;
}
