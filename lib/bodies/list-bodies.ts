/** The organising bodies an admin may manage, with their unit, kind and how much hangs on them. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, bodyKinds, conferences, unitKinds, units, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import type { SignForm } from "@/lib/documents/signature-block";
import { foldForSearch } from "@/lib/text/fold";
import { bodyScope, bodyUnitScope } from "./body-access";

export interface BodyRow {
  id: number;
  unitId: number;
  kind: string;
  kindLabel: string;
  kindColour: string;
  name: string;
  symbol: string;
  parentLine: string;
  headingName: string;
  signForm: SignForm;
  signFor: string;
  signerTitle: string;
  signerName: string;
  retiredAt: Date | null;
  conferenceCount: number;
  userCount: number;
}

/**
 * Bodies in the actor's scope, by unit order then kind order; `unitId` keeps
 * one unit's, `q` those whose name or symbol contains it (without diacritics).
 */
export async function listBodies(db: Db, actor: SessionUser, filter: { unitId?: number; q?: string } = {}): Promise<BodyRow[]> {
  const rows = await db
    .select({
      id: bodies.id,
      unitId: bodies.unitId,
      kind: bodies.kind,
      kindLabel: bodyKinds.label,
      kindColour: bodyKinds.colour,
      name: bodies.name,
      symbol: bodies.symbol,
      parentLine: bodies.parentLine,
      headingName: bodies.headingName,
      signForm: bodies.signForm,
      signFor: bodies.signFor,
      signerTitle: bodies.signerTitle,
      signerName: bodies.signerName,
      retiredAt: bodies.retiredAt,
      conferenceCount: sql<number>`(select count(*) from ${conferences} where ${conferences.bodyId} = ${bodies.id})`.mapWith(Number),
      userCount: sql<number>`(select count(*) from ${users} where ${users.bodyId} = ${bodies.id})`.mapWith(Number),
    })
    .from(bodies)
    .innerJoin(units, eq(units.id, bodies.unitId))
    .innerJoin(bodyKinds, eq(bodyKinds.key, bodies.kind))
    .where(and(bodyScope(actor), filter.unitId ? eq(bodies.unitId, filter.unitId) : undefined))
    .orderBy(asc(units.sortOrder), asc(units.name), asc(bodyKinds.sortOrder), asc(bodies.name));
  const q = filter.q ? foldForSearch(filter.q) : "";
  return q ? rows.filter((r) => foldForSearch(`${r.name} ${r.symbol}`).includes(q)) : rows;
}

export interface BodyUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  placeName: string;
  parentId: number | null;
  retired: boolean;
}

/** The units whose bodies the actor manages (retired ones too: their bodies are history), in display order. */
export async function listBodyUnits(db: Db, actor: SessionUser): Promise<BodyUnit[]> {
  return await db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      kindLabel: unitKinds.label,
      placeName: units.placeName,
      parentId: units.parentId,
      retired: sql<boolean>`${units.retiredAt} is not null`.mapWith(Boolean),
    })
    .from(units)
    .innerJoin(unitKinds, eq(unitKinds.key, units.kind))
    .where(bodyUnitScope(actor))
    .orderBy(asc(units.sortOrder), asc(units.name));
}
