/**
 * The refusals of the door's API, as RequestErrors (lib/http/request-error.ts). The Next route
 * handlers throw them (defineRoute writes them in the user's language); the check-in fast path,
 * which answers before Next and has no request locale, sends their Vietnamese wire form, built
 * once here so that the hot path does no more work than before.
 */
import type { z } from "zod";
import { errorBody, forbidden, RequestError, tooLarge, unauthenticated } from "@/lib/http/request-error";
import { plainTranslator } from "@/lib/i18n/plain-translator";

export const doorRefusals = {
  unauthenticated,
  forbidden: () => forbidden(),
  badJson: () => new RequestError("bad_json", 400),
  tooMany: () => new RequestError("too_many", 429),
  siteNotFound: () => new RequestError("site_not_found", 404),
  notAssigned: () => forbidden("requestErrors.notAssigned"),
  closed: () => new RequestError("closed", 403),
  /** 503: the write failed (the database busy beyond its timeout); the device scans again. */
  unavailable: () => new RequestError("unavailable", 503),
  /** The fields that are missing or wrong, named (the device shows them). */
  badRequest: (error: z.ZodError) =>
    new RequestError("bad_request", 400, {
      messageKey: "requestErrors.badRequest",
      values: { fields: [...new Set(error.issues.map((i) => i.path.join(".") || "body"))].join(", ") },
    }),
  site: (reason: "not_found" | "forbidden" | "closed") =>
    reason === "not_found" ? doorRefusals.siteNotFound() : reason === "closed" ? doorRefusals.closed() : doorRefusals.notAssigned(),
};

/** A refusal as the fast path sends it. */
export interface DoorError {
  status: number;
  body: { error: string; message: string };
}

const vi = plainTranslator("vi");
const wire = (error: RequestError): DoorError => ({ status: error.status, body: errorBody(error, vi) as DoorError["body"] });

export const DOOR_ERRORS = {
  unauthenticated: wire(doorRefusals.unauthenticated()),
  forbidden: wire(doorRefusals.forbidden()),
  badJson: wire(doorRefusals.badJson()),
  tooMany: wire(doorRefusals.tooMany()),
  siteNotFound: wire(doorRefusals.siteNotFound()),
  notAssigned: wire(doorRefusals.notAssigned()),
  closed: wire(doorRefusals.closed()),
  unavailable: wire(doorRefusals.unavailable()),
};

export function badRequest(error: z.ZodError): DoorError {
  return wire(doorRefusals.badRequest(error));
}

/** 413: the body passed its limit (lib/http/read-body.ts); the connection is closed after it. */
export function bodyTooLarge(maxBytes: number): DoorError {
  return wire(tooLarge(maxBytes));
}

export function siteRefusal(reason: "not_found" | "forbidden" | "closed"): DoorError {
  return reason === "not_found" ? DOOR_ERRORS.siteNotFound : reason === "closed" ? DOOR_ERRORS.closed : DOOR_ERRORS.notAssigned;
}
