import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { defineRoute } from "@/lib/http/define-route";
import { readBody } from "@/lib/http/read-body";
import { importError, MAX_UPLOAD_BYTES } from "@/lib/people/import/import-http";
import { uploadBatch } from "@/lib/people/import/import-people";

/** Step 1: the upload (multipart: file, unitId). Nothing is written to the directory yet. */
export const POST = defineRoute({ permission: "people:manage" }, async (_input, { user, request }) => {
  // Counted as it arrives (a chunked upload has no Content-Length), then parsed from the bytes kept.
  const body = await readBody(request, MAX_UPLOAD_BYTES);
  if (!body.ok) throw body.reason === "tooLarge" ? importError(413, "tooLarge") : importError(400, "invalid");
  const form = await new Response(body.bytes as BodyInit, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => null);
  const file = form?.get("file");
  const unitId = z.coerce.number().int().positive().safeParse(form?.get("unitId"));
  if (!(file instanceof File)) throw importError(400, "noFile");
  if (!unitId.success) throw importError(400, "unitRequired");
  const result = await uploadBatch(db, user, unitId.data, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) throw importError(400, result.code, "values" in result ? result.values : undefined);
  return NextResponse.json(result);
});
