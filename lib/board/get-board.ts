/**
 * Campaign progress: for every unit in the user's scope, each conference the
 * campaign requires of its kind of unit, and how far it has got.
 */
import { and, asc, eq, exists, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { firstRow, type Db } from "@/db/client";
import { campaignRequirements, campaigns, conferences, units } from "@/db/schema";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";
import { zonedDateKey } from "@/lib/time/zone";
import { awaitingConfirmation, effectiveStatus } from "@/lib/conferences/effective-status";

export const CELL_STATUSES = ["held", "scheduled", "draft", "missing", "overdue"] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface BoardCell {
  requirementId: number;
  status: CellStatus;
  conferenceId: number | null;
  /** The status of that conference, when there is one (a cancelled one shows why a cell is missing). */
  conferenceStatus: string | null;
  startsAt: Date | null;
  /** Ended with nobody checked in and not marked held or cancelled: its organiser must confirm (decision 0022). */
  awaitingConfirmation: boolean;
}

/**
 * The units that appear on a campaign's board (as SQL on `units`): every active unit, and a
 * retired one only for a campaign it held conferences in (history); a merged unit has none left,
 * they moved to the unit it merged into. The board and the requirement preview count the same.
 */
export function onCampaignBoard(db: Db, campaignId: number): SQL {
  return or(
    isNull(units.retiredAt),
    exists(
      db
        .select({ one: sql`1` })
        .from(conferences)
        .where(and(eq(conferences.campaignId, campaignId), eq(conferences.unitId, units.id))),
    ),
  )!;
}

const STATUS_RANK: Record<string, number> = { held: 4, in_progress: 3, scheduled: 3, draft: 2, cancelled: 0 };

export function cellStatus(conference: { status: string } | undefined, dueDate: string, today: string): CellStatus {
  if (conference?.status === "held") return "held";
  if (today > dueDate) return "overdue";
  if (!conference || conference.status === "cancelled") return "missing";
  if (conference.status === "draft") return "draft";
  return "scheduled";
}

export async function getBoard(db: Db, user: SessionUser, campaignId: number, now: Date = new Date()) {
  const campaign = await firstRow(db.select().from(campaigns).where(eq(campaigns.id, campaignId)));
  if (!campaign) return null;

  const requirements = await db
    .select()
    .from(campaignRequirements)
    .where(eq(campaignRequirements.campaignId, campaignId))
    .orderBy(asc(campaignRequirements.sortOrder), asc(campaignRequirements.id));
  const unitKinds = [...new Set(requirements.map((r) => r.unitKind))];
  if (unitKinds.length === 0) return { campaign, requirements, rows: [], totals: emptyTotals() };

  const unitRows = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind })
    .from(units)
    .where(and(unitReadScope(user), inArray(units.kind, unitKinds), onCampaignBoard(db, campaignId)))
    .orderBy(asc(units.sortOrder), asc(units.name));
  const unitIds = unitRows.map((u) => u.id);

  const conferenceRows =
    unitIds.length === 0
      ? []
      : await db
          .select({
            id: conferences.id,
            unitId: conferences.unitId,
            requirementId: conferences.requirementId,
            status: effectiveStatus(db, now),
            startsAt: conferences.startsAt,
            awaiting: sql<number>`case when ${awaitingConfirmation(db, now)} then 1 else 0 end`.mapWith(Number),
          })
          .from(conferences)
          .where(and(eq(conferences.campaignId, campaignId), isNotNull(conferences.requirementId), inArray(conferences.unitId, unitIds)));

  // The most advanced conference for each (unit, requirement).
  const best = new Map<string, (typeof conferenceRows)[number]>();
  for (const c of conferenceRows) {
    const key = `${c.unitId}:${c.requirementId}`;
    const current = best.get(key);
    if (!current || STATUS_RANK[c.status] > STATUS_RANK[current.status]) best.set(key, c);
  }

  const today = zonedDateKey(now);
  const totals = emptyTotals();
  const rows = unitRows.map((unit) => {
    const cells: BoardCell[] = requirements
      .filter((r) => r.unitKind === unit.kind)
      .map((r) => {
        const conference = best.get(`${unit.id}:${r.id}`);
        const status = cellStatus(conference, r.dueDate ?? campaign.deadline, today);
        totals[status]++;
        totals.required++;
        const awaiting = status !== "held" && conference?.awaiting === 1;
        if (awaiting) totals.awaiting++;
        return {
          requirementId: r.id,
          status,
          conferenceId: conference?.id ?? null,
          conferenceStatus: conference?.status ?? null,
          startsAt: conference?.startsAt ?? null,
          awaitingConfirmation: awaiting,
        };
      });
    return { unit, cells };
  });

  return { campaign, requirements, rows, totals };
}

function emptyTotals(): Record<CellStatus | "required" | "awaiting", number> {
  return { required: 0, held: 0, scheduled: 0, draft: 0, missing: 0, overdue: 0, awaiting: 0 };
}

export type Board = NonNullable<Awaited<ReturnType<typeof getBoard>>>;
