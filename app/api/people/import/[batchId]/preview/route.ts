import { NextResponse } from "next/server";
import { db } from "@/db";
import { importError, readMappingRequest } from "@/lib/people/import/import-http";
import { commitState, getBatch, previewBatch } from "@/lib/people/import/import-people";

/** Step 2: the preview for a column mapping. */
export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const input = await readMappingRequest(request, (await params).batchId);
  if ("response" in input) return input.response;
  const batch = await getBatch(db, input.user, input.batchId);
  if (!batch) return importError(404, "notFound");
  const state = commitState(db, batch.id);
  if (state !== "open") return importError(409, state === "done" ? "alreadyCommitted" : "commitInProgress");
  return NextResponse.json({ preview: await previewBatch(batch, input.mapping) });
}
