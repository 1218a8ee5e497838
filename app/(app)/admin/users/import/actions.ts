"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { getActionUser } from "@/lib/auth/guards";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { commitUsersBatch, previewUsersBatch, uploadUsersBatch, USER_IMPORT_FIELDS, type CheckedUserRow } from "@/lib/users/import-users";
import type { UserImportPreviewLine, UsersImportState } from "@/lib/users/import-state";

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
export async function previewUsersImportAction(_prev: UsersImportState, form: FormData): Promise<UsersImportState> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: t("adminAccounts.noFile"), at: Date.now() };

  const upload = await uploadUsersBatch(db, admin, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!upload.ok) {
    const key = upload.code === "tooManyAccounts" ? "adminAccounts.errors.tooManyAccounts" : `import.errors.${upload.code}`;
    const message = t.has(key)
      ? t(key, { line: upload.values?.line ?? 0, count: upload.values?.count ?? 0, expected: upload.values?.expected ?? 0 })
      : t("adminAccounts.errors.parse", { code: upload.code });
    return { ok: false, message, at: Date.now() };
  }
  const preview = previewUsersBatch(db, admin, upload.batchId);
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
}

/** Step 2: the valid lines become accounts; their one-time passwords come back in this answer only. */
export async function commitUsersImportAction(_prev: UsersImportState, form: FormData): Promise<UsersImportState> {
  const t = await getTranslator();
  const admin = await getActionUser("user:manage");
  if (!admin) return { ok: false, message: t("validation.forbidden"), at: Date.now() };
  const parsed = batchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: t("adminAccounts.errors.notFound"), at: Date.now() };
  const result = await commitUsersBatch(db, admin, parsed.data.batchId);
  if (!result.ok) return { ok: false, message: t(`adminAccounts.errors.${result.code}`, { columns: "" }), at: Date.now() };
  revalidatePath("/admin/users");
  return {
    ok: true,
    created: result.created.map((c) => ({ ...c, role: t(`roles.${c.role}`) })),
    skipped: result.skipped,
    at: Date.now(),
  };
}
