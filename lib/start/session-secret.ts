/**
 * NEXTAUTH_SECRET as set, or the one generated once and kept in secrets.json beside the database.
 * Two servers started at the same moment on a fresh data folder (a reload, or two app servers on
 * one file) must end with one secret, or each would refuse the other's sessions: the file is
 * created whole under a temporary name and linked into place, which fails if another process got
 * there first; the loser reads the winner's secret.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type Stored = Record<string, string>;

function read(file: string): Stored {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Stored) : {};
}

/** The secret to sign sessions with, and whether it was generated just now (npm start then warns). */
export function sessionSecret(configured: string | undefined, dataDir: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = path.join(dataDir, "secrets.json");
  const existed = fs.existsSync(file);
  const stored = read(file);
  if (stored.NEXTAUTH_SECRET) return { secret: stored.NEXTAUTH_SECRET, generated: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ ...stored, NEXTAUTH_SECRET: secret }, null, 2), { mode: 0o600 });
  try {
    // A file without the secret (other keys only) is replaced; a new one is linked into place, which
    // fails with EEXIST if another process linked its own first.
    if (existed) fs.renameSync(temporary, file);
    else fs.linkSync(temporary, file);
    return { secret, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { secret: read(file).NEXTAUTH_SECRET, generated: false };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
