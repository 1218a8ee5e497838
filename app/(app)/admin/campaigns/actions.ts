"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { chooseCurrentCampaign } from "@/lib/campaigns/choose-campaign";
import { copyCampaign, createCampaign, isRootAdmin, setCampaignArchived, updateCampaign } from "@/lib/campaigns/manage-campaigns";
import { revokeRetiredKey, rotateCampaignKey } from "@/lib/campaigns/rotate-campaign-key";
import { previewRequirementChanges, saveRequirements, type RequirementPreview, type RequirementProblem } from "@/lib/campaigns/save-requirements";
import { submittedValues, type ActionResult } from "@/lib/http/action-result";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import {
  chooseCampaignSchema,
  createCampaignSchema,
  requirementsFormSchema,
  revokeRetiredKeySchema,
  rotateKeySchema,
  setArchivedSchema,
  updateCampaignSchema,
} from "@/lib/schemas/campaigns";

/** What the requirements editor gets back: the preview of the board, and the reasons a save is refused. */
export interface RequirementsActionResult extends ActionResult {
  preview?: Omit<RequirementPreview, "problems">;
  problems?: string[];
}

/** A code of ours (adminCampaigns.errors), else of the shared validation messages. */
function errorText(t: Translator, code: string, values?: Record<string, string | number>): string {
  if (t.has(`adminCampaigns.errors.${code}`)) return t(`adminCampaigns.errors.${code}`, values);
  if (t.has(`validation.${code}`)) return t(`validation.${code}`, values);
  return t("validation.invalid");
}

function fieldErrors(error: z.ZodError, t: Translator): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!errors[field]) errors[field] = errorText(t, issue.message);
  }
  return errors;
}

const MAX_NAMED = 5;
function problemText(t: Translator, p: RequirementProblem): string {
  const named = p.conferences ?? [];
  const conferences =
    named.length > MAX_NAMED
      ? `${named.slice(0, MAX_NAMED).join("; ")}; ${t("adminCampaigns.errors.andMore", { count: named.length - MAX_NAMED })}`
      : named.join("; ");
  return errorText(t, p.code, { title: p.title, row: p.row ?? 0, kind: p.kind ?? "", conferences });
}

const refused = (t: Translator, values?: Record<string, string>): ActionResult => ({ ok: false, message: t("validation.forbidden"), values, at: Date.now() });

/** Campaign writes: an admin of the root unit only (campaigns are province-wide). */
async function rootAdmin() {
  const user = await getActionUser("campaign:manage");
  return user && isRootAdmin(user) ? user : null;
}

function revalidateCampaigns() {
  revalidatePath("/", "layout");
}

export async function createCampaignAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await rootAdmin();
  if (!admin) return refused(t, values);
  const parsed = createCampaignSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const { copyFromId, ...fields } = parsed.data;
  const result = copyFromId ? copyCampaign(db, admin, copyFromId, fields) : createCampaign(db, admin, fields);
  if (!result.ok) {
    const message = errorText(t, result.code);
    return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
  }
  revalidateCampaigns();
  redirect(`/admin/campaigns/${result.id}?created=1`);
}

export async function updateCampaignAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const values = submittedValues(form);
  const admin = await rootAdmin();
  if (!admin) return refused(t, values);
  const parsed = updateCampaignSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error, t), values, at: Date.now() };
  const { campaignId, ...fields } = parsed.data;
  const result = updateCampaign(db, admin, campaignId, fields);
  if (!result.ok) {
    const message = errorText(t, result.code);
    return { ok: false, ...(result.field ? { fieldErrors: { [result.field]: message } } : { message }), values, at: Date.now() };
  }
  revalidateCampaigns();
  return { ok: true, message: t("adminCampaigns.saved"), values, at: Date.now() };
}

function parseRequirements(
  form: FormData,
  t: Translator,
): { data: z.output<typeof requirementsFormSchema>; problems?: undefined } | { data?: undefined; problems: string[] } {
  const parsed = requirementsFormSchema.safeParse({ campaignId: form.get("campaignId"), requirements: form.get("requirements") ?? "" });
  if (parsed.success) return { data: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const [field, row] = issue.path;
    const text = errorText(t, issue.message);
    return field === "requirements" && typeof row === "number" ? t("adminCampaigns.errors.onRow", { row: row + 1, message: text }) : text;
  });
  return { problems: [...new Set(problems)] };
}

export async function previewRequirementsAction(_prev: RequirementsActionResult, form: FormData): Promise<RequirementsActionResult> {
  const t = await getTranslator();
  const admin = await rootAdmin();
  if (!admin) return refused(t);
  const parsed = parseRequirements(form, t);
  if (!parsed.data) return { ok: false, message: t("adminCampaigns.errors.requirementsInvalid"), problems: parsed.problems, at: Date.now() };
  const preview = previewRequirementChanges(db, parsed.data.campaignId, parsed.data.requirements);
  if (!preview) return { ok: false, message: errorText(t, "campaignNotFound"), at: Date.now() };
  const { problems, ...board } = preview;
  return {
    ok: problems.length === 0,
    message: problems.length === 0 ? t("adminCampaigns.previewReady") : t("adminCampaigns.errors.requirementsRefused"),
    preview: board,
    problems: problems.map((p) => problemText(t, p)),
    at: Date.now(),
  };
}

export async function saveRequirementsAction(_prev: RequirementsActionResult, form: FormData): Promise<RequirementsActionResult> {
  const t = await getTranslator();
  const admin = await rootAdmin();
  if (!admin) return refused(t);
  const parsed = parseRequirements(form, t);
  if (!parsed.data) return { ok: false, message: t("adminCampaigns.errors.requirementsInvalid"), problems: parsed.problems, at: Date.now() };
  const result = saveRequirements(db, admin, parsed.data.campaignId, parsed.data.requirements);
  if (!result.ok) {
    return { ok: false, message: errorText(t, result.code), problems: (result.problems ?? []).map((p) => problemText(t, p)), at: Date.now() };
  }
  revalidateCampaigns();
  return {
    ok: true,
    message: t("adminCampaigns.requirementsSaved", { count: parsed.data.requirements.length }),
    preview: { rows: result.preview.rows, requiredBefore: result.preview.requiredBefore, requiredAfter: result.preview.requiredAfter },
    problems: [],
    at: Date.now(),
  };
}

export async function setArchivedAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await rootAdmin();
  if (!admin) return refused(t);
  const parsed = setArchivedSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = setCampaignArchived(db, admin, parsed.data.campaignId, parsed.data.archived);
  if (!result.ok) return { ok: false, message: errorText(t, result.code), at: Date.now() };
  revalidateCampaigns();
  return { ok: true, message: t(parsed.data.archived ? "adminCampaigns.archivedDone" : "adminCampaigns.unarchivedDone"), at: Date.now() };
}

export async function rotateKeyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await rootAdmin();
  if (!admin) return refused(t);
  const parsed = rotateKeySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = rotateCampaignKey(db, admin, parsed.data.campaignId, { revokeOld: parsed.data.revokeOld });
  if (!result.ok) return { ok: false, message: errorText(t, result.code), at: Date.now() };
  revalidateCampaigns();
  return {
    ok: true,
    message: parsed.data.revokeOld ? t("adminCampaigns.keys.rotatedRevoked", { count: result.reissued }) : t("adminCampaigns.keys.rotated"),
    at: Date.now(),
  };
}

export async function revokeRetiredKeyAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const admin = await rootAdmin();
  if (!admin) return refused(t);
  const parsed = revokeRetiredKeySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("validation.invalid"), at: Date.now() };
  const result = revokeRetiredKey(db, admin, parsed.data.campaignId, parsed.data.keyId);
  if (!result.ok) return { ok: false, message: errorText(t, result.code), at: Date.now() };
  revalidateCampaigns();
  return { ok: true, message: t("adminCampaigns.keys.revoked", { count: result.reissued }), at: Date.now() };
}

/** Any user who reads campaigns chooses their own current campaign. */
export async function chooseCampaignAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const t = await getTranslator();
  const user = await getActionUser("campaign:read");
  if (!user) return refused(t);
  const parsed = chooseCampaignSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: errorText(t, "campaignRequired"), at: Date.now() };
  const result = chooseCurrentCampaign(db, user, parsed.data.campaignId);
  if (!result.ok) return { ok: false, message: errorText(t, result.code), at: Date.now() };
  revalidateCampaigns();
  return { ok: true, message: t("adminCampaigns.selector.chosen", { title: result.title }), at: Date.now() };
}
