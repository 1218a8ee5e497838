/**
 * defineRoute: the one shape of a route handler under app/api. In order: who is asking and may
 * they (requireUser, unless the route is public by design: `permission: null`), the URL's
 * params, its query and a JSON body (read with a byte limit) parsed with zod, then the
 * handler, which returns the Response. A RequestError thrown on the way becomes
 * `{ error: code, message }` in the user's language, with its status (and its values, when the
 * error says they are part of the answer). Route files stay thin: they name the permission and
 * the schemas and call lib/<domain>.
 */
import "server-only";
import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/guards";
import type { Action } from "@/lib/permissions";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { readJsonBody } from "./read-body";
import { errorBody, isRequestError, notFound, RequestError, tooLarge } from "./request-error";

export interface RouteContext<U> {
  /** The signed-in user (null only for a public route, which gets none). */
  user: U;
  request: Request;
  t: Translator;
}

export interface RouteOptions<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, A extends Action | null> {
  /** The permission the route needs; null for a route that is public by design (it then checks what it needs itself). */
  permission: A;
  /** The URL's segments ([id] …): refused with 404 by default (a bad id is not found). */
  params?: P;
  /** The search parameters: refused with 400 by default. */
  query?: Q;
  /** A JSON body, read with its limit (413 beyond it, 400 bad_json when it is not JSON). */
  body?: B;
  maxBytes?: number;
  /** The refusal when a part does not parse (a body: or is not JSON, then without an error), instead of the default. */
  refuse?: { params?: (error: z.ZodError) => RequestError; query?: (error: z.ZodError) => RequestError; body?: (error?: z.ZodError) => RequestError };
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
export type RouteInput<P, Q, B> = { params: Out<P>; query: Out<Q>; body: Out<B> };

/** Params arrive as a Promise (Next 16); routes without segments get none. */
type NextContext = { params?: Promise<Record<string, string | string[]>> };

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

const badRequest = (error: z.ZodError) =>
  new RequestError("bad_request", 400, {
    messageKey: "requestErrors.badRequest",
    values: { fields: [...new Set(error.issues.map((i) => i.path.join(".") || "body"))].join(", ") },
  });

export function defineRoute<
  A extends Action | null,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<P, Q, B, A>,
  handler: (input: RouteInput<P, Q, B>, ctx: RouteContext<A extends Action ? SessionUser : null>) => Promise<Response>,
): (request: Request, context: NextContext) => Promise<Response> {
  return async (request, context) => {
    const t = await getTranslator();
    try {
      const user = options.permission === null ? null : await requireUser(options.permission);
      const input = { params: undefined, query: undefined, body: undefined } as Record<string, unknown>;
      if (options.params) {
        const parsed = options.params.safeParse(await context?.params);
        if (!parsed.success) throw options.refuse?.params?.(parsed.error) ?? notFound();
        input.params = parsed.data;
      }
      if (options.query) {
        const parsed = options.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) throw options.refuse?.query?.(parsed.error) ?? badRequest(parsed.error);
        input.query = parsed.data;
      }
      if (options.body) {
        const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
        const read = await readJsonBody(request, maxBytes);
        if (!read.ok && read.reason === "tooLarge") throw tooLarge(maxBytes);
        const parsed = read.ok ? options.body.safeParse(read.value) : null;
        if (!parsed) throw options.refuse?.body?.() ?? new RequestError("bad_json", 400);
        if (!parsed.success) throw options.refuse?.body?.(parsed.error) ?? badRequest(parsed.error);
        input.body = parsed.data;
      }
      return await handler(input as RouteInput<P, Q, B>, { user: user as A extends Action ? SessionUser : null, request, t });
    } catch (error) {
      unstable_rethrow(error);
      if (!isRequestError(error)) throw error;
      return errorResponse(error, t);
    }
  };
}

/** A RequestError as the JSON answer every route gives. */
export function errorResponse(error: RequestError, t: Translator): NextResponse {
  return NextResponse.json(errorBody(error, t), { status: error.status, headers: error.headers });
}
