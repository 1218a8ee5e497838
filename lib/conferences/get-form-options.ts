import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bodies, campaignRequirements, units, users } from "@/db/schema";
import { getCurrentCampaign } from "@/lib/campaigns/current-campaign";
import { listActiveCampaigns, listCampaigns } from "@/lib/campaigns/list-campaigns";
import type { SessionUser } from "@/lib/auth/session-user";
import { signatureBlock } from "@/lib/documents/signature-block";
import { organisableBodies } from "./save-conference";

/**
 * The choices of the conference form, limited to what the user may organise
 * (retired units and bodies take no new conferences).
 * Campaigns: those not archived, the user's current one first; a conference
 * being edited keeps its own campaign even if archived since.
 */
export async function getConferenceFormOptions(db: Db, user: SessionUser, { keepCampaignId }: { keepCampaignId?: number } = {}) {
  const bodyRows = (
    await db
      .select({
        id: bodies.id,
        name: bodies.name,
        kind: bodies.kind,
        unitId: units.id,
        unitName: units.name,
        unitKind: units.kind,
        signer: { signForm: bodies.signForm, signFor: bodies.signFor, signerTitle: bodies.signerTitle, signerName: bodies.signerName },
      })
      .from(bodies)
      .innerJoin(units, eq(units.id, bodies.unitId))
      .where(and(isNull(bodies.retiredAt), isNull(units.retiredAt), organisableBodies(user)))
      .orderBy(asc(units.sortOrder), asc(bodies.id))
  ).map(({ signer, ...b }) => {
    // The body's default signature block in one line, shown as the hint of the conference's own fields.
    const block = signatureBlock(signer);
    return { ...b, signer, defaultSigner: [block.authority, block.title, block.name].filter(Boolean).join(" · ") };
  });
  const unitIds = [...new Set(bodyRows.map((b) => b.unitId))];
  const coBodies =
    unitIds.length === 0
      ? []
      : await db
          .select({ id: bodies.id, name: bodies.name, unitId: bodies.unitId })
          .from(bodies)
          .where(and(inArray(bodies.unitId, unitIds), isNull(bodies.retiredAt)))
          .orderBy(asc(bodies.id));
  return {
    campaigns: await campaignChoices(db, user, keepCampaignId),
    bodies: bodyRows,
    coBodies,
    requirements: await db
      .select({
        id: campaignRequirements.id,
        campaignId: campaignRequirements.campaignId,
        unitKind: campaignRequirements.unitKind,
        title: campaignRequirements.title,
      })
      .from(campaignRequirements)
      .orderBy(asc(campaignRequirements.sortOrder)),
  };
}
export type ConferenceFormOptions = Awaited<ReturnType<typeof getConferenceFormOptions>>;

/** Door-staff accounts that can be assigned to a site; an admin below the root sees those of their subtree only. */
export async function listDoorStaff(db: Db, user?: SessionUser) {
  const scoped = user?.role === "admin" && user.scopeUnitIds !== "all" ? inArray(users.unitId, user.scopeUnitIds) : undefined;
  return await db
    .select({ id: users.id, username: users.username, fullName: users.fullName, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.role, "scanner"), eq(users.disabled, false), scoped))
    .orderBy(asc(units.sortOrder), asc(users.username));
}

async function campaignChoices(db: Db, user: SessionUser, keepCampaignId?: number) {
  const active = await listActiveCampaigns(db, (await getCurrentCampaign(db, user))?.id);
  if (keepCampaignId === undefined || active.some((c) => c.id === keepCampaignId)) return active;
  return [...active, ...(await listCampaigns(db)).filter((c) => c.id === keepCampaignId)];
}
