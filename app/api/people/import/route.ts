import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { importError } from "@/lib/people/import/import-http";
import { uploadBatch } from "@/lib/people/import/import-people";
import { MAX_BYTES } from "@/lib/people/import/parse-file";

/** Step 1: the upload (multipart: file, unitId). Nothing is written to the directory yet. */
export async function POST(request: Request) {
  const auth = await requireApiUser("people:manage");
  if (!auth.ok) return auth.response;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES + 64 * 1024) return importError(413, "tooLarge");
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  const unitId = z.coerce.number().int().positive().safeParse(form?.get("unitId"));
  if (!(file instanceof File)) return importError(400, "noFile");
  if (!unitId.success) return importError(400, "unitRequired");
  const result = await uploadBatch(db, auth.user, unitId.data, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return importError(400, result.code, "values" in result ? result.values : undefined);
  return NextResponse.json(result);
}
