import { NextResponse } from "next/server";
import { db } from "@/db";
import { importError, readMappingRequest } from "@/lib/people/import/import-http";
import { commitBatch, type CommitError } from "@/lib/people/import/import-people";

const STATUS: Record<CommitError, number> = {
  notFound: 404,
  nameColumnRequired: 400,
  noValidRows: 400,
  commitInProgress: 409,
  alreadyCommitted: 409,
  commitInterrupted: 503,
};

/** Step 3: the import itself, in chunks that let the door through (lib/people/import/import-people.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const input = await readMappingRequest(request, (await params).batchId);
  if ("response" in input) return input.response;
  const result = await commitBatch(db, input.user, input.batchId, input.mapping);
  if (!result.ok) return importError(STATUS[result.code], result.code, result.values);
  return NextResponse.json(result);
}
