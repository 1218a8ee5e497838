/** Shared by the import route handlers: the guard, the batch id, the mapping, messages. */
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/guards";
import { readJsonBody, tooLargeBody, tooLargeHeaders } from "@/lib/http/read-body";
import { parseId } from "@/lib/http/request-input";
import { mappingSchema } from "./map-rows";
import { MAX_BYTES } from "./parse-file";

/** The upload: the file (parse-file.ts's limit) and the multipart envelope around it. */
export const MAX_UPLOAD_BYTES = MAX_BYTES + 64 * 1024;
/** A column mapping: eight small numbers. */
const MAX_MAPPING_BYTES = 16 * 1024;

/** A refusal with its message; `values` fill the message (the line where a CSV breaks, how many rows were written). */
export async function importError(status: number, code: string, values?: Record<string, number>) {
  const t = await getTranslations("import.errors");
  return NextResponse.json(
    { error: code, message: t.has(code) ? t(code, values) : t("invalid"), ...(values ?? {}) },
    { status, headers: status === 413 ? tooLargeHeaders : undefined },
  );
}

export async function readMappingRequest(request: Request, rawBatchId: string) {
  const auth = await requireApiUser("people:manage");
  if (!auth.ok) return { response: auth.response };
  const batchId = parseId(rawBatchId);
  if (!batchId) return { response: await importError(404, "notFound") };
  const body = await readJsonBody(request, MAX_MAPPING_BYTES);
  if (!body.ok && body.reason === "tooLarge")
    return { response: NextResponse.json(tooLargeBody(MAX_MAPPING_BYTES), { status: 413, headers: tooLargeHeaders }) };
  const parsed = z.object({ mapping: mappingSchema }).safeParse(body.ok ? body.value : null);
  if (!parsed.success) return { response: await importError(400, "invalid") };
  return { user: auth.user, batchId, mapping: parsed.data.mapping };
}
