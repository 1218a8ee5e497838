import { NextResponse } from "next/server";
import { db } from "@/db";
import { defineRoute } from "@/lib/http/define-route";
import { importError, mappingRoute } from "@/lib/people/import/import-http";
import { commitState, getBatch, previewBatch } from "@/lib/people/import/import-people";

/** Step 2: the preview for a column mapping. */
export const POST = defineRoute(mappingRoute, async ({ params, body }, { user }) => {
  const batch = await getBatch(db, user, params.batchId);
  if (!batch) throw importError(404, "notFound");
  const state = await commitState(db, batch.id);
  if (state !== "open") throw importError(409, state === "done" ? "alreadyCommitted" : "commitInProgress");
  return NextResponse.json({ preview: await previewBatch(batch, body.mapping) });
});
