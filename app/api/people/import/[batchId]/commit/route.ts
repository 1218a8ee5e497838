import { NextResponse } from "next/server";
import { db } from "@/db";
import { importError, readMappingRequest } from "@/lib/people/import/import-http";
import { commitBatch } from "@/lib/people/import/import-people";

/** Step 3: the import itself, in one transaction. */
export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const input = await readMappingRequest(request, (await params).batchId);
  if ("response" in input) return input.response;
  const result = commitBatch(db, input.user, input.batchId, input.mapping);
  if (!result.ok) return importError(result.code === "notFound" ? 404 : 400, result.code);
  return NextResponse.json(result);
}
