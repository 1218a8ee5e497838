import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/define-route";
import { readBody } from "@/lib/http/read-body";
import { RequestError, tooLarge } from "@/lib/http/request-error";
import { getTranslator } from "@/lib/i18n/translator";

type Context = { params: Promise<{ nextauth: string[] }> };

/** Sign-in and sign-out forms: a user name, a password, a CSRF token and a URL. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * next-auth's own endpoints: public by design and not a defineRoute (next-auth answers them in its
 * own shapes); only the refusals of the body's size and reading are ours, in the one error type.
 */
function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions());
}

/** next-auth reads the whole body itself: it gets it only once it is known to be small. */
async function post(request: NextRequest, context: Context) {
  const body = await readBody(request, MAX_AUTH_BODY_BYTES);
  if (!body.ok) {
    const error = body.reason === "tooLarge" ? tooLarge(MAX_AUTH_BODY_BYTES) : new RequestError("bad_request", 400, { messageKey: "requestErrors.unreadable" });
    return errorResponse(error, await getTranslator());
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body: body.bytes as BodyInit }), context);
}

export { handler as GET, post as POST };
