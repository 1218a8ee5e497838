/** next-auth configuration: credentials, JWT sessions (docs/decisions/0002-auth.md). */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/db";
import { serverEnv } from "@/lib/env";
import { signInSchema } from "@/lib/schemas/auth";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";

/**
 * Messages next-auth passes back to the login form as `error`; the form translates
 * them. A throttle refusal carries its wait: "THROTTLED:12" (seconds).
 */
export const SIGN_IN_ERRORS = {
  throttled: "THROTTLED",
  addressThrottled: "ADDRESS_THROTTLED",
  invalid: "INVALID",
  disabled: "DISABLED",
} as const;

/** Built on first use, not at import: `next build` runs without the secret. */
let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

const buildAuthOptions = (): NextAuthOptions => ({
  secret: serverEnv().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: {
        username: { type: "text" },
        password: { type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const result = await authenticate(
          db,
          parsed.data.username,
          parsed.data.password,
          clientAddress(req?.headers as Record<string, unknown> | undefined, serverEnv().TRUST_PROXY),
        );
        if (!result.ok) {
          const code = SIGN_IN_ERRORS[result.reason];
          throw new Error("retryAfterSeconds" in result ? `${code}:${result.retryAfterSeconds}` : code);
        }
        const u = result.user;
        return {
          id: String(u.id),
          name: u.fullName,
          role: u.role,
          unitId: u.unitId,
          bodyId: u.bodyId,
          sessionVersion: u.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.unitId = user.unitId;
        token.bodyId = user.bodyId;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.uid,
        role: token.role,
        unitId: token.unitId,
        bodyId: token.bodyId,
        sessionVersion: token.sv,
      };
      return session;
    },
  },
});
