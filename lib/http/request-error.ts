/**
 * The one way a request is refused. Guards, server actions (defineAction) and route handlers
 * (defineRoute) throw a RequestError; defineAction turns it into its form's answer, defineRoute into
 * `{ error: code, message }` with the status. The message is a message key, translated in the
 * user's language when the answer is written, never text written here.
 */
import { formatLimit } from "./read-body";

export type ErrorValues = Record<string, string | number>;

export interface RequestErrorOptions {
  /** The message key when it is not `requestErrors.<code>` (or, in an action, a refusal code looked up in the feature's messages). */
  messageKey?: string;
  /** Fill the message; with `exposeValues` they are also fields of the JSON answer. */
  values?: ErrorValues;
  exposeValues?: boolean;
  /** The form field the refusal belongs to (an action shows it under that field). */
  field?: string;
  headers?: Record<string, string>;
}

export class RequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageKey?: string;
  readonly values?: ErrorValues;
  readonly exposeValues: boolean;
  readonly field?: string;
  readonly headers?: Record<string, string>;

  constructor(code: string, status = 400, options: RequestErrorOptions = {}) {
    super(code);
    this.name = "RequestError";
    this.code = code;
    this.status = status;
    this.messageKey = options.messageKey;
    this.values = options.values;
    this.exposeValues = options.exposeValues ?? false;
    this.field = options.field;
    this.headers = options.headers;
  }
}

export const isRequestError = (error: unknown): error is RequestError => error instanceof RequestError;

/** 401: no session (or one that ended). */
export const unauthenticated = () => new RequestError("unauthenticated", 401);
/** 403: the role may not do this. */
export const forbidden = (messageKey?: string) => new RequestError("forbidden", 403, { messageKey });
/** 403 on the wire like any refusal: a new or reset account picks its own password first. */
export const mustChangePassword = () => new RequestError("forbidden", 403, { messageKey: "requestErrors.mustChangePassword" });
/** 404: not there, or not in the caller's scope (the two are not told apart). */
export const notFound = (messageKey = "requestErrors.notFound", code = "not_found") => new RequestError(code, 404, { messageKey });
/** 400: input that does not parse; `code` is a refusal code of the feature (an action finds its words). */
export const invalid = (field?: string, code = "invalid", values?: ErrorValues) => new RequestError(code, 400, { field, values });
/** 413: the body passed its limit (lib/http/read-body.ts); the connection is cut after it. */
export const tooLarge = (maxBytes: number) =>
  new RequestError("too_large", 413, {
    messageKey: "requestErrors.tooLarge",
    values: { limit: formatLimit(maxBytes) },
    headers: { "cache-control": "no-store" },
  });

/** A domain refusal (`{ ok: false, code, field? }`, as lib/<domain> returns them) as an error to throw. */
export const refusal = (result: { code: string; field?: string; values?: ErrorValues }) => invalid(result.field, result.code, result.values);

type Translate = ((key: string, values?: ErrorValues) => string) & { has: (key: string) => boolean };

/** The JSON answer of a route handler: `{ error, message, ...values? }`, the message in the translator's language. */
export function errorBody(error: RequestError, t: Translate): { error: string; message: string } & ErrorValues {
  const key = error.messageKey ?? `requestErrors.${error.code}`;
  const message = t.has(key) ? t(key, error.values) : t("requestErrors.invalid");
  return { error: error.code, message, ...(error.exposeValues ? error.values : {}) };
}
