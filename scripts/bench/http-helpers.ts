/** Shared by the benchmarks: wait for a server, sign in through next-auth's credentials endpoint. */
import { childProcessEnv } from "@/lib/env";

export async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${url}`);
}

/** Returns the session cookie ("name=value"). */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = login.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed: ${login.status}`);
  return session.split(";")[0];
}

/**
 * The production server (`npm start`'s own path) on a database file and port, in its own
 * process group; resolves once /api/health answers. `stop` ends the group; `kill` is kill -9.
 */
export async function startApp(file: string, port: number, env: Record<string, string> = {}, args: string[] = []) {
  const { spawn } = await import("node:child_process");
  const path = await import("node:path");
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts", ...args], {
    env: childProcessEnv({ DATABASE_PATH: file, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1", ...env }),
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  await waitFor(`${base}/api/health`, 240_000);
  return { base, child, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
}
