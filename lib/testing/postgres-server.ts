/**
 * A real PostgreSQL server for tests and benchmarks, never a mock: Debian's `postgresql` package
 * (`.ci/run` installs it), a throw-away cluster in a temporary folder, on a free port of loopback
 * and a socket in that folder. PostgreSQL refuses to run as root, so as root every command runs
 * as the `postgres` user (`runuser`). `stop()` stops the server and removes the folder.
 */
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:{port}/postgres (trust authentication on loopback only). */
  url: string;
  port: number;
  /** The cluster's folder (data/ and the server's log). */
  dir: string;
  /** Stops at once (no checkpoint, as a crash would) and starts again: recovery replays its log (fault tests). */
  restart(): void;
  /** Stops at once (no checkpoint) and removes the folder. */
  stop(): void;
}

export interface PostgresOptions {
  /** Keep fsync and synchronous commit on, as in production (fault tests). Off by default: faster, and a test cluster is thrown away. */
  durable?: boolean;
  /** A fixed port (e2e: the server and the tests' processes must agree on it); a free one by default. */
  port?: number;
}

const DEBIAN_ROOT = "/usr/lib/postgresql";

/** The newest PostgreSQL server installed by Debian's package: its bin folder, or null. */
export function postgresBinDir(): string | null {
  if (!fs.existsSync(DEBIAN_ROOT)) return null;
  const versions = fs
    .readdirSync(DEBIAN_ROOT)
    .filter((v) => fs.existsSync(path.join(DEBIAN_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(DEBIAN_ROOT, versions[0], "bin") : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function run(bin: string, program: string, args: string[], options: ExecFileSyncOptions = {}) {
  const file = path.join(bin, program);
  const [command, commandArgs] = isRoot() ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return execFileSync(command, commandArgs, { stdio: "pipe", ...options });
}

/** Stops a cluster of startPostgres at once (no checkpoint, as a crash would) and starts it again: recovery replays its log. */
export function restartCluster(dir: string): void {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed");
  run(bin, "pg_ctl", ["-D", path.join(dir, "data"), "-l", path.join(dir, "server.log"), "-m", "immediate", "-w", "-t", "60", "restart"]);
}

/** Stops (at once) and removes a cluster a process started and could not stop itself (it was killed). */
export function removeCluster(dir: string): void {
  const bin = postgresBinDir();
  if (bin && fs.existsSync(path.join(dir, "data", "postmaster.pid"))) {
    try {
      run(bin, "pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {
      // not running after all
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`PostgreSQL is not installed (${DEBIAN_ROOT}/<version>/bin/pg_ctl): apt-get install -y postgresql`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-pg-"));
  if (isRoot()) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = options.port ?? (await freePort());
  try {
    run(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    const settings = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c max_connections=200"];
    if (!options.durable) settings.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
    run(bin, "pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings.join(" "), "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = path.join(dir, "server.log");
    const detail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${detail}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    restart: () => restartCluster(dir),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
