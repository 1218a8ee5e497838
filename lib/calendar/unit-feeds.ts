/** Secret calendar-feed URLs per unit: created and revoked by staff who may see that unit. */
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { changedRows, returnedRow, firstRow, transaction, type Db } from "@/db/client";
import { unitFeeds, units } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { unitReadScope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session-user";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 160 random bits in Base32: unguessable, safe in a URL. */
export function newFeedToken(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

async function unitInScope(db: Db, user: SessionUser, unitId: number) {
  return await firstRow(
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.id, unitId), unitReadScope(user))),
  );
}

export async function createUnitFeed(db: Db, user: SessionUser, unitId: number) {
  return await transaction(db, async (db) => {
    const unit = await unitInScope(db, user, unitId);
    if (!unit) return null;
    const token = newFeedToken();
    const feed = await returnedRow(db.insert(unitFeeds).values({ unitId, token, label: unit.name, createdBy: user.id }).returning());
    await recordAudit(db, { userId: user.id, action: "create", entity: "unit_feed", entityId: feed.id, after: { unitId } });
    return feed;
  });
}

export async function revokeUnitFeed(db: Db, user: SessionUser, feedId: number): Promise<boolean> {
  return await transaction(db, async (db) => {
    const scoped = db.select({ id: units.id }).from(units).where(unitReadScope(user));
    const changed = changedRows(
      await db
        .update(unitFeeds)
        .set({ revokedAt: new Date() })
        .where(and(eq(unitFeeds.id, feedId), isNull(unitFeeds.revokedAt), inArray(unitFeeds.unitId, scoped))),
    );
    if (changed > 0) await recordAudit(db, { userId: user.id, action: "revoke", entity: "unit_feed", entityId: feedId });
    return changed > 0;
  });
}

export async function listUnitFeeds(db: Db, user: SessionUser) {
  const scoped = db.select({ id: units.id }).from(units).where(unitReadScope(user));
  return await db
    .select({ id: unitFeeds.id, token: unitFeeds.token, unitName: units.name, createdAt: unitFeeds.createdAt })
    .from(unitFeeds)
    .innerJoin(units, eq(units.id, unitFeeds.unitId))
    .where(and(isNull(unitFeeds.revokedAt), inArray(unitFeeds.unitId, scoped)))
    .orderBy(desc(unitFeeds.createdAt));
}
