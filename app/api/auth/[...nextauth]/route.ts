import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { readBody, tooLargeBody, tooLargeHeaders } from "@/lib/http/read-body";

type Context = { params: Promise<{ nextauth: string[] }> };

/** Sign-in and sign-out forms: a user name, a password, a CSRF token and a URL. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions());
}

/** next-auth reads the whole body itself: it gets it only once it is known to be small. */
async function post(request: NextRequest, context: Context) {
  const body = await readBody(request, MAX_AUTH_BODY_BYTES);
  if (!body.ok && body.reason === "tooLarge") return NextResponse.json(tooLargeBody(MAX_AUTH_BODY_BYTES), { status: 413, headers: tooLargeHeaders });
  if (!body.ok) return NextResponse.json({ error: "bad_request", message: "Không đọc được yêu cầu." }, { status: 400 });
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body: body.bytes as BodyInit }), context);
}

export { handler as GET, post as POST };
