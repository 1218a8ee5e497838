/** The shared start of every door route handler: session, permission, body, site access (defineRoute plus the site). */
import type { z } from "zod";
import { db } from "@/db";
import type { SessionUser } from "@/lib/auth/guards";
import { defineRoute } from "@/lib/http/define-route";
import type { Action } from "@/lib/permissions";
import { MAX_CHECKIN_BODY_BYTES } from "@/lib/schemas/checkin";
import { doorRefusals } from "./door-errors";
import { getScanSite } from "./site-access";

export function defineDoorRoute<S extends z.ZodType<{ siteId: number }>>(
  options: { permission: Action; schema: S; maxBytes?: number; purpose?: "scan" | "sync" },
  handler: (input: z.output<S>, ctx: { user: SessionUser }) => Promise<Response>,
) {
  const { permission, schema, maxBytes = MAX_CHECKIN_BODY_BYTES, purpose = "scan" } = options;
  return defineRoute(
    // The door's own refusals: not JSON → bad_json, a missing or wrong field → bad_request naming it.
    { permission, body: schema, maxBytes, refuse: { body: (error) => (error ? doorRefusals.badRequest(error) : doorRefusals.badJson()) } },
    async ({ body }, { user }) => {
      const access = await getScanSite(db, user, (body as { siteId: number }).siteId, new Date(), purpose);
      if (!access.ok) throw doorRefusals.site(access.reason);
      return handler(body as z.output<S>, { user });
    },
  );
}
