/**
 * Two (here six) servers started at the same moment on a fresh data folder end with one secret:
 * real processes racing on a real folder.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sessionSecret } from "./session-secret";

const TSX = path.resolve("node_modules/.bin/tsx");
const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** One process: waits until `startAt`, asks for the secret, prints it. */
function racer(dataDir: string, startAt: number): Promise<string> {
  const script = `import { sessionSecret } from "./lib/start/session-secret.ts";
while (Date.now() < ${startAt}) {}
console.log(JSON.stringify(sessionSecret(undefined, ${JSON.stringify(dataDir)})));`;
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--eval", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`))));
  });
}

describe("the session secret", () => {
  it("is the configured one when set, and otherwise generated once and kept", () => {
    const dir = freshDir();
    expect(sessionSecret("configured-secret", dir)).toEqual({ secret: "configured-secret", generated: false });
    const first = sessionSecret(undefined, dir);
    expect(first.generated).toBe(true);
    expect(first.secret).toHaveLength(43);
    expect(sessionSecret(undefined, dir)).toEqual({ secret: first.secret, generated: false });
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["secrets.json"]); // no temporary file left
  });

  it("is one secret for servers started at the same moment on a fresh folder", async () => {
    const dir = freshDir();
    const startAt = Date.now() + 3_000; // after tsx has started every process
    const answers = (await Promise.all(Array.from({ length: 6 }, () => racer(dir, startAt)))).map(
      (line) => JSON.parse(line) as { secret: string; generated: boolean },
    );
    expect(new Set(answers.map((a) => a.secret)).size).toBe(1);
    expect(answers.filter((a) => a.generated)).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")).NEXTAUTH_SECRET).toBe(answers[0].secret);
  }, 30_000);
});
