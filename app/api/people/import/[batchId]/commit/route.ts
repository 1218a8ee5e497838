import { NextResponse } from "next/server";
import { db } from "@/db";
import { defineRoute } from "@/lib/http/define-route";
import { importError, mappingRoute } from "@/lib/people/import/import-http";
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
export const POST = defineRoute(mappingRoute, async ({ params, body }, { user }) => {
  const result = await commitBatch(db, user, params.batchId, body.mapping);
  if (!result.ok) throw importError(STATUS[result.code], result.code, result.values);
  return NextResponse.json(result);
});
