/**
 * defineAction: the one shape of a server action used with useActionState,
 * `(previous state, form) => state`. In order: who is asking and may they (requireUser,
 * including the must-change-password rule), the form parsed with the zod schema (field
 * errors in the user's language, what was typed kept — passwords never), then the handler.
 * A RequestError thrown by the handler becomes the form's refusal in words; Next's redirect()
 * and notFound() pass through. A handler may still return a full answer of its own (conflicts
 * to confirm, a merge's reasons).
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/guards";
import type { Action } from "@/lib/permissions";
import { getTranslator, type Translator } from "@/lib/i18n/translator";
import { fieldErrorsFrom, REFUSAL_NAMESPACES, refusalMessage, submittedValues, type ActionResult } from "./action-result";
import { forbidden, isRequestError, type RequestError } from "./request-error";
import { formToObject } from "./request-input";

/** What every form's answer has (ActionResult and the import previews' states). */
export type ActionState = { ok: boolean; message?: string; at?: number };

export interface ActionContext {
  user: SessionUser;
  t: Translator;
  form: FormData;
  /** The submitted text fields without passwords, to give back to a refused form. */
  values: Record<string, string>;
}

export interface InvalidContext {
  t: Translator;
  /** One message per field, translated. */
  fieldErrors: Record<string, string>;
  /** What was typed (passwords never). */
  values: Record<string, string>;
}

export interface ActionOptions<S extends z.ZodType | undefined, R extends ActionState> {
  permission: Action;
  /** A further rule on the user, checked with the permission (before the form is read): false → refused like a wrong role. */
  allow?: (user: SessionUser) => boolean;
  schema?: S;
  /** How the form becomes what the schema parses; formToObject by default. */
  input?: (form: FormData) => unknown;
  /** Fields read as arrays by the default input (checkbox groups, multi-selects). */
  arrays?: string[];
  /** Refusals give back what was typed (passwords never), so the form keeps it. */
  keepValues?: boolean;
  /** Where refusal codes find their words, in order (default: validation, then safety.errors). */
  messages?: readonly string[];
  /**
   * The answer to a form the schema refuses: "fields" (default) one message under each field,
   * "message" the "invalid" message (the feature's, else the shared one), "first" the first field's message, or a function.
   */
  invalid?: "fields" | "message" | "first" | ((error: z.ZodError, ctx: InvalidContext) => NoInfer<R>);
}

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

const isForm = (form: unknown): form is FormData => typeof (form as Partial<FormData> | null)?.get === "function";

export function defineAction<S extends z.ZodType | undefined = undefined, R extends ActionState = ActionResult>(
  options: ActionOptions<S, R>,
  handler: (input: Input<S>, ctx: ActionContext) => Promise<NoInfer<R>>,
): (previous: R, form: FormData) => Promise<R> {
  const namespaces = options.messages ?? REFUSAL_NAMESPACES;
  return async (_previous, form) => {
    const t = await getTranslator();
    const values = isForm(form) ? submittedValues(form) : {};
    const kept = options.keepValues ? values : undefined;
    const answer = (fields: Partial<ActionResult>) => ({ ok: false, ...fields, ...(kept ? { values: kept } : {}), at: Date.now() }) as unknown as R;
    const words = (error: RequestError) => {
      // A form speaks the feature's words: its own message key if it names one, else the code (a 404 is
      // "notFound", a 401/403 "forbidden") looked up in the feature's namespaces; the API's texts are for route handlers.
      if (error.messageKey && !error.messageKey.startsWith("requestErrors.") && t.has(error.messageKey)) return t(error.messageKey, error.values);
      const code = error.status === 404 ? "notFound" : error.status === 401 || error.status === 403 ? "forbidden" : error.code;
      return refusalMessage(t, code, error.values, namespaces);
    };

    let user: SessionUser;
    try {
      user = await requireUser(options.permission);
      if (options.allow && !options.allow(user)) throw forbidden();
    } catch (error) {
      // No session, a wrong role, a password to change first: one refusal, that says nothing more.
      if (isRequestError(error)) return answer({ message: refusalMessage(t, "forbidden", undefined, namespaces) });
      throw error;
    }
    // A hand-made request that sends no form is refused like a bad one, never a 500.
    if (!isForm(form)) return answer({ message: refusalMessage(t, "invalid", undefined, namespaces) });

    let input = undefined as Input<S>;
    if (options.schema) {
      const parsed = options.schema.safeParse(options.input ? options.input(form) : formToObject(form, options.arrays));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFrom(parsed.error, t, namespaces);
        const invalid = options.invalid ?? "fields";
        if (typeof invalid === "function") return invalid(parsed.error, { t, fieldErrors, values });
        if (invalid === "message") return answer({ message: refusalMessage(t, "invalid", undefined, namespaces) });
        if (invalid === "first") return answer({ message: Object.values(fieldErrors)[0] });
        return answer({ fieldErrors });
      }
      input = parsed.data as Input<S>;
    }

    try {
      return await handler(input, { user, t, form, values });
    } catch (error) {
      unstable_rethrow(error); // redirect(), notFound() and Next's own signals go on
      if (!isRequestError(error)) throw error;
      const message = words(error);
      return answer(error.field ? { fieldErrors: { [error.field]: message } } : { message });
    }
  };
}

export type CallRefusal = { reason: "forbidden" | "invalid"; t: Translator; error?: RequestError };

/**
 * defineCall: the same steps for an action a component calls with one argument (an object, or a
 * form outside useActionState): the user and the permission, the argument parsed, the handler.
 * Every refusal (no session, wrong role, bad input, a RequestError thrown) goes to `refused`,
 * which gives that action's answer (or redirects); redirect() and notFound() pass through.
 */
export function defineCall<S extends z.ZodType, R>(
  options: { permission: Action; schema: S; input?: (raw: unknown) => unknown; refused: (refusal: CallRefusal) => NoInfer<R> | Promise<NoInfer<R>> },
  handler: (input: z.output<S>, ctx: { user: SessionUser; t: Translator }) => Promise<R>,
): (raw: unknown) => Promise<R> {
  return async (raw) => {
    const t = await getTranslator();
    let user: SessionUser;
    try {
      user = await requireUser(options.permission);
    } catch (error) {
      if (isRequestError(error)) return options.refused({ reason: "forbidden", t });
      throw error;
    }
    const parsed = options.schema.safeParse(options.input ? options.input(raw) : raw);
    if (!parsed.success) return options.refused({ reason: "invalid", t });
    try {
      return await handler(parsed.data, { user, t });
    } catch (error) {
      unstable_rethrow(error);
      if (!isRequestError(error)) throw error;
      return options.refused({ reason: error.status === 403 || error.status === 401 ? "forbidden" : "invalid", t, error });
    }
  };
}

/** A form's fields as an object for defineCall, or null for anything that is not a form (a hand-made request). */
export const formOrNull = (raw: unknown) => (isForm(raw) ? formToObject(raw) : null);
