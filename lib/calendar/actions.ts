"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/http/define-action";
import { createUnitFeed, revokeUnitFeed } from "./unit-feeds";

const idSchema = z.coerce.number().int().positive();

/** A unit's subscribable calendar: a new secret link. */
export const createFeedAction = defineAction(
  {
    permission: "campaign:read",
    schema: z.object({ unitId: idSchema }),
    invalid: (_error, { t }) => ({ ok: false, message: t("validation.unitRequired"), at: Date.now() }),
  },
  async ({ unitId }, { user, t }) => {
    const feed = await createUnitFeed(db, user, unitId);
    if (!feed) return { ok: false, message: t("validation.notFound"), at: Date.now() };
    revalidatePath("/calendar");
    return { ok: true, message: t("feeds.created", { unit: feed.label }), at: Date.now() };
  },
);

export const revokeFeedAction = defineAction(
  {
    permission: "campaign:read",
    schema: z.object({ feedId: idSchema }),
    invalid: (_error, { t }) => ({ ok: false, message: t("validation.forbidden"), at: Date.now() }),
  },
  async ({ feedId }, { user, t }) => {
    if (!(await revokeUnitFeed(db, user, feedId))) return { ok: false, message: t("validation.notFound"), at: Date.now() };
    revalidatePath("/calendar");
    return { ok: true, message: t("feeds.revoked"), at: Date.now() };
  },
);
