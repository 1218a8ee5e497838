/** Shared by the import route handlers: their refusals, the batch id and the mapping (defineRoute does the rest). */
import { z } from "zod";
import { tooLargeHeaders } from "@/lib/http/read-body";
import { RequestError } from "@/lib/http/request-error";
import { idParam } from "@/lib/http/request-input";
import { mappingSchema } from "./map-rows";
import { MAX_BYTES } from "./parse-file";

/** The upload: the file (parse-file.ts's limit) and the multipart envelope around it. */
export const MAX_UPLOAD_BYTES = MAX_BYTES + 64 * 1024;
/** A column mapping: eight small numbers. */
export const MAX_MAPPING_BYTES = 16 * 1024;

/** A refusal with its message (import.errors); `values` fill it and are fields of the answer (the line where a CSV breaks, how many rows were written). */
export function importError(status: number, code: string, values?: Record<string, number>) {
  return new RequestError(code, status, {
    messageKey: `import.errors.${code}`,
    values,
    exposeValues: true,
    headers: status === 413 ? tooLargeHeaders : undefined,
  });
}

/** The preview and the commit: POST /api/people/import/{batchId}/… with { mapping }. */
export const mappingRoute = {
  permission: "people:manage",
  params: z.object({ batchId: idParam }),
  body: z.object({ mapping: mappingSchema }),
  maxBytes: MAX_MAPPING_BYTES,
  refuse: { params: () => importError(404, "notFound"), body: () => importError(400, "invalid") },
} as const;
