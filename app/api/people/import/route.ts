import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { readBody } from "@/lib/http/read-body";
import { importError, MAX_UPLOAD_BYTES } from "@/lib/people/import/import-http";
import { uploadBatch } from "@/lib/people/import/import-people";

/** Step 1: the upload (multipart: file, unitId). Nothing is written to the directory yet. */
export async function POST(request: Request) {
  const auth = await requireApiUser("people:manage");
  if (!auth.ok) return auth.response;
  // Counted as it arrives (a chunked upload has no Content-Length), then parsed from the bytes kept.
  const body = await readBody(request, MAX_UPLOAD_BYTES);
  if (!body.ok) return body.reason === "tooLarge" ? importError(413, "tooLarge") : importError(400, "invalid");
  const form = await new Response(body.bytes as BodyInit, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => null);
  const file = form?.get("file");
  const unitId = z.coerce.number().int().positive().safeParse(form?.get("unitId"));
  if (!(file instanceof File)) return importError(400, "noFile");
  if (!unitId.success) return importError(400, "unitRequired");
  const result = await uploadBatch(db, auth.user, unitId.data, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return importError(400, result.code, "values" in result ? result.values : undefined);
  return NextResponse.json(result);
}
