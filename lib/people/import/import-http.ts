/** Shared by the import route handlers: the guard, the batch id, the mapping, messages. */
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/guards";
import { parseId } from "@/lib/schemas/conferences";
import { mappingSchema } from "./map-rows";

/** A refusal with its message; `values` fill the message (the line where a CSV breaks, how many rows were written). */
export async function importError(status: number, code: string, values?: Record<string, number>) {
  const t = await getTranslations("import.errors");
  return NextResponse.json({ error: code, message: t.has(code) ? t(code, values) : t("invalid"), ...(values ?? {}) }, { status });
}

export async function readMappingRequest(request: Request, rawBatchId: string) {
  const auth = await requireApiUser("people:manage");
  if (!auth.ok) return { response: auth.response };
  const batchId = parseId(rawBatchId);
  if (!batchId) return { response: await importError(404, "notFound") };
  const body = await request.json().catch(() => null);
  const parsed = z.object({ mapping: mappingSchema }).safeParse(body);
  if (!parsed.success) return { response: await importError(400, "invalid") };
  return { user: auth.user, batchId, mapping: parsed.data.mapping };
}
