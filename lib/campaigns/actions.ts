"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { db } from "@/db";
import type { ActionResult } from "@/lib/http/action-result";
import { defineAction } from "@/lib/http/define-action";
import { refusal } from "@/lib/http/request-error";
import type { Translator } from "@/lib/i18n/translator";
import {
  chooseCampaignSchema,
  createCampaignSchema,
  requirementsFormSchema,
  revokeRetiredKeySchema,
  rotateKeySchema,
  setArchivedSchema,
  updateCampaignSchema,
} from "@/lib/schemas/campaigns";
import { chooseCurrentCampaign } from "./choose-campaign";
import { copyCampaign, createCampaign, isRootAdmin, setCampaignArchived, updateCampaign } from "./manage-campaigns";
import { revokeRetiredKey, rotateCampaignKey } from "./rotate-campaign-key";
import { previewRequirementChanges, saveRequirements, type RequirementPreview, type RequirementProblem } from "./save-requirements";

/** What the requirements editor gets back: the preview of the board, and the reasons a save is refused. */
export interface RequirementsActionResult extends ActionResult {
  preview?: Omit<RequirementPreview, "problems">;
  problems?: string[];
}

/** A code of ours (adminCampaigns.errors), else of the shared validation messages. */
const messages = ["adminCampaigns.errors", "validation"];
const entries = (form: FormData) => Object.fromEntries(form);
/** Campaign writes: an admin of the root unit only (campaigns are province-wide). */
const rootAdmin = { permission: "campaign:manage", allow: isRootAdmin, messages, input: entries } as const;

function errorText(t: Translator, code: string, values?: Record<string, string | number>): string {
  if (t.has(`adminCampaigns.errors.${code}`)) return t(`adminCampaigns.errors.${code}`, values);
  if (t.has(`validation.${code}`)) return t(`validation.${code}`, values);
  return t("validation.invalid");
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

function revalidateCampaigns() {
  revalidatePath("/", "layout");
}

export const createCampaignAction = defineAction({ ...rootAdmin, schema: createCampaignSchema, keepValues: true }, async (input, { user }) => {
  const { copyFromId, ...fields } = input;
  const result = copyFromId ? await copyCampaign(db, user, copyFromId, fields) : await createCampaign(db, user, fields);
  if (!result.ok) throw refusal(result);
  revalidateCampaigns();
  redirect(`/admin/campaigns/${result.id}?created=1`);
});

export const updateCampaignAction = defineAction({ ...rootAdmin, schema: updateCampaignSchema, keepValues: true }, async (input, { user, t, values }) => {
  const { campaignId, ...fields } = input;
  const result = await updateCampaign(db, user, campaignId, fields);
  if (!result.ok) throw refusal(result);
  revalidateCampaigns();
  return { ok: true, message: t("adminCampaigns.saved"), values, at: Date.now() };
});

/** The requirements as typed, or the reasons they do not parse (one per row and problem). */
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

export const previewRequirementsAction = defineAction<undefined, RequirementsActionResult>(
  { permission: "campaign:manage", allow: isRootAdmin, messages },
  async (_input, { t, form }) => {
    const parsed = parseRequirements(form, t);
    if (!parsed.data) return { ok: false, message: t("adminCampaigns.errors.requirementsInvalid"), problems: parsed.problems, at: Date.now() };
    const preview = await previewRequirementChanges(db, parsed.data.campaignId, parsed.data.requirements);
    if (!preview) return { ok: false, message: errorText(t, "campaignNotFound"), at: Date.now() };
    const { problems, ...board } = preview;
    return {
      ok: problems.length === 0,
      message: problems.length === 0 ? t("adminCampaigns.previewReady") : t("adminCampaigns.errors.requirementsRefused"),
      preview: board,
      problems: problems.map((p) => problemText(t, p)),
      at: Date.now(),
    };
  },
);

export const saveRequirementsAction = defineAction<undefined, RequirementsActionResult>(
  { permission: "campaign:manage", allow: isRootAdmin, messages },
  async (_input, { user, t, form }) => {
    const parsed = parseRequirements(form, t);
    if (!parsed.data) return { ok: false, message: t("adminCampaigns.errors.requirementsInvalid"), problems: parsed.problems, at: Date.now() };
    const result = await saveRequirements(db, user, parsed.data.campaignId, parsed.data.requirements);
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
  },
);

export const setArchivedAction = defineAction({ ...rootAdmin, schema: setArchivedSchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await setCampaignArchived(db, user, input.campaignId, input.archived);
  if (!result.ok) throw refusal({ code: result.code });
  revalidateCampaigns();
  return { ok: true, message: t(input.archived ? "adminCampaigns.archivedDone" : "adminCampaigns.unarchivedDone"), at: Date.now() };
});

export const rotateKeyAction = defineAction({ ...rootAdmin, schema: rotateKeySchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await rotateCampaignKey(db, user, input.campaignId, { revokeOld: input.revokeOld });
  if (!result.ok) throw refusal({ code: result.code });
  revalidateCampaigns();
  return {
    ok: true,
    message: input.revokeOld ? t("adminCampaigns.keys.rotatedRevoked", { count: result.reissued }) : t("adminCampaigns.keys.rotated"),
    at: Date.now(),
  };
});

export const revokeRetiredKeyAction = defineAction({ ...rootAdmin, schema: revokeRetiredKeySchema, invalid: "message" }, async (input, { user, t }) => {
  const result = await revokeRetiredKey(db, user, input.campaignId, input.keyId);
  if (!result.ok) throw refusal({ code: result.code });
  revalidateCampaigns();
  return { ok: true, message: t("adminCampaigns.keys.revoked", { count: result.reissued }), at: Date.now() };
});

/** Any user who reads campaigns chooses their own current campaign. */
export const chooseCampaignAction = defineAction(
  {
    permission: "campaign:read",
    schema: chooseCampaignSchema,
    input: entries,
    messages,
    invalid: (_error, { t }) => ({ ok: false, message: errorText(t, "campaignRequired"), at: Date.now() }),
  },
  async (input, { user, t }) => {
    const result = await chooseCurrentCampaign(db, user, input.campaignId);
    if (!result.ok) throw refusal({ code: result.code });
    revalidateCampaigns();
    return { ok: true, message: t("adminCampaigns.selector.chosen", { title: result.title }), at: Date.now() };
  },
);
