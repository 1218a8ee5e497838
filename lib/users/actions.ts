"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { defineAction } from "@/lib/http/define-action";
import { refusal } from "@/lib/http/request-error";
import type { Translator } from "@/lib/i18n/translator";
import { changeOwnPasswordSchema, createUserSchema, resetPasswordSchema, setDisabledSchema, unlockSignInSchema } from "@/lib/schemas/users";
import { commitUsersBatch, previewUsersBatch, uploadUsersBatch, USER_IMPORT_FIELDS, type CheckedUserRow } from "./import-users";
import type { UserImportPreviewLine, UsersImportState } from "./import-state";
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, unlockSignIn } from "./manage-users";

/** A refusal code: a shared validation message, or one of the accounts feature. */
const messages = ["validation", "adminAccounts.errors"];

export const createUserAction = defineAction(
  { permission: "user:manage", schema: createUserSchema, input: (form) => Object.fromEntries(form), keepValues: true, messages },
  async (input, { user, t }) => {
    const result = await createUser(db, user, input);
    if (!result.ok) throw refusal(result);
    revalidatePath("/admin/users");
    return { ok: true, message: t("users.created", { username: input.username }), at: Date.now() };
  },
);

export const resetPasswordAction = defineAction(
  { permission: "user:manage", schema: resetPasswordSchema, input: (form) => Object.fromEntries(form), invalid: "first", messages },
  async (input, { user, t }) => {
    const result = await resetUserPassword(db, user, input.userId);
    if (!result.ok) throw refusal(result);
    revalidatePath("/admin/users");
    // The one-time password is shown once, in this answer only.
    return { ok: true, message: t("adminAccounts.passwordReset", { username: result.username, password: result.password }), at: Date.now() };
  },
);

export const setDisabledAction = defineAction(
  { permission: "user:manage", schema: setDisabledSchema, input: (form) => Object.fromEntries(form), invalid: "message", messages },
  async (input, { user, t, form }) => {
    const result = await setUserDisabled(db, user, input.userId, input.disabled);
    if (!result.ok) throw refusal({ code: result.code });
    revalidatePath("/admin/users");
    const username = String(form.get("username") ?? "");
    return { ok: true, message: t(input.disabled ? "users.disabledDone" : "users.enabledDone", { username }), at: Date.now() };
  },
);

export const unlockSignInAction = defineAction(
  { permission: "user:manage", schema: unlockSignInSchema, input: (form) => Object.fromEntries(form), invalid: "message", messages },
  async (input, { user, t, form }) => {
    const result = await unlockSignIn(db, user, input.userId);
    if (!result.ok) throw refusal({ code: result.code });
    revalidatePath("/admin/users");
    return { ok: true, message: t("users.signInUnlocked", { username: String(form.get("username") ?? "") }), at: Date.now() };
  },
);

/** /account: any signed-in user, also one who must change their password first (that is what this is for). */
export const changeOwnPasswordAction = defineAction(
  { permission: "account:manage-own", schema: changeOwnPasswordSchema, input: (form) => Object.fromEntries(form), messages },
  async (input, { user }) => {
    const result = await changeOwnPassword(db, user.id, input.currentPassword, input.newPassword);
    if (!result.ok) throw refusal(result);
    return { ok: true, at: Date.now() };
  },
);

// --- The bulk account import (/admin/users/import).

const batchSchema = z.object({ batchId: z.coerce.number().int().positive() });

const HEADER_LABELS: Record<(typeof USER_IMPORT_FIELDS)[number], string> = {
  username: "username",
  fullName: "fullName",
  role: "role",
  unitCode: "unit",
  body: "body",
  sites: "sites",
};

function previewLines(t: Translator, rows: CheckedUserRow[]): UserImportPreviewLine[] {
  return rows.map((r) => ({
    line: r.line,
    username: r.username,
    fullName: r.fullName,
    role: r.role ? t(`roles.${r.role}`) : r.roleText,
    unit: r.unitName ? `${r.unitName} (${r.unitCode})` : r.unitCode,
    body: r.bodyName ?? r.bodyText,
    sites: r.sitesText,
    errors: r.errors.map((code) => t(`adminAccounts.errors.${code}`)),
  }));
}

/** Step 1: the file is parsed, kept as the admin's batch, and every line checked. */
export const previewUsersImportAction = defineAction<undefined, UsersImportState>({ permission: "user:manage" }, async (_input, { user, t, form }) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: t("adminAccounts.noFile"), at: Date.now() };

  const upload = await uploadUsersBatch(db, user, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!upload.ok) {
    const key = upload.code === "tooManyAccounts" ? "adminAccounts.errors.tooManyAccounts" : `import.errors.${upload.code}`;
    const message = t.has(key)
      ? t(key, { line: upload.values?.line ?? 0, count: upload.values?.count ?? 0, expected: upload.values?.expected ?? 0 })
      : t("adminAccounts.errors.parse", { code: upload.code });
    return { ok: false, message, at: Date.now() };
  }
  const preview = await previewUsersBatch(db, user, upload.batchId);
  if (!preview.ok) {
    const message =
      preview.code === "columnsMissing"
        ? t("adminAccounts.errors.columnsMissing", { columns: preview.missing.map((f) => t(`adminAccounts.${HEADER_LABELS[f]}`)).join(", ") })
        : t(`adminAccounts.errors.${preview.code}`);
    return { ok: false, message, at: Date.now() };
  }
  const valid = preview.rows.filter((r) => r.errors.length === 0).length;
  return {
    ok: true,
    batchId: upload.batchId,
    filename: preview.filename,
    preview: previewLines(t, preview.rows),
    valid,
    invalid: preview.rows.length - valid,
    at: Date.now(),
  };
});

/** Step 2: the valid lines become accounts; their one-time passwords come back in this answer only. */
export const commitUsersImportAction = defineAction<typeof batchSchema, UsersImportState>(
  {
    permission: "user:manage",
    schema: batchSchema,
    input: (form) => Object.fromEntries(form),
    invalid: (_error, { t }) => ({ ok: false, message: t("adminAccounts.errors.notFound"), at: Date.now() }),
  },
  async (input, { user, t }) => {
    const result = await commitUsersBatch(db, user, input.batchId);
    if (!result.ok) return { ok: false, message: t(`adminAccounts.errors.${result.code}`, { columns: "" }), at: Date.now() };
    revalidatePath("/admin/users");
    return {
      ok: true,
      created: result.created.map((c) => ({ ...c, role: t(`roles.${c.role}`) })),
      skipped: result.skipped,
      at: Date.now(),
    };
  },
);
