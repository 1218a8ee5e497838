"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { createUnitFeed, revokeUnitFeed } from "@/lib/calendar/unit-feeds";
import type { ActionResult } from "@/lib/http/action-result";

const idSchema = z.coerce.number().int().positive();

export async function createFeedAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslations();
  const user = await getActionUser("campaign:read");
  const unitId = idSchema.safeParse(form.get("unitId"));
  if (!user) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  if (!unitId.success) return { ok: false, message: t("validation.unitRequired"), at: Date.now() };
  const feed = createUnitFeed(db, user, unitId.data);
  if (!feed) return { ok: false, message: t("validation.notFound"), at: Date.now() };
  revalidatePath("/calendar");
  return { ok: true, message: t("feeds.created", { unit: feed.label }), at: Date.now() };
}

export async function revokeFeedAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslations();
  const user = await getActionUser("campaign:read");
  const feedId = idSchema.safeParse(form.get("feedId"));
  if (!user || !feedId.success) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  if (!revokeUnitFeed(db, user, feedId.data)) return { ok: false, message: t("validation.notFound"), at: Date.now() };
  revalidatePath("/calendar");
  return { ok: true, message: t("feeds.revoked"), at: Date.now() };
}
