/**
 * `npm run test:faults`: crash the production server under check-in load and prove that
 * every check-in a client saw acknowledged is in the database, and none twice
 * (issue 8; docs/decisions/0011-crash-safety.md).
 *
 * A fresh database (the demo plus a conference open now with 20,000 letters). Each round
 * starts the server (`npm start`'s own path), runs 8 concurrent door clients (new letters,
 * repeats, and resends of requests that got no answer, same nonce), and kill -9s the whole
 * server process group at a random moment mid-load. The last round runs two servers on the
 * same database file behind a load balancer (./bench/balancer.ts, standing in for nginx:
 * decision 0035, point 5), signs in once through it, and kills one server while the clients go
 * on through the balancer to the other. Then the database is checked: integrity; every
 * acknowledged scan logged with the verdict the client saw; every acknowledged check-in present;
 * at most one check-in per letter; every check-in backed by its logged scan; the attendance tallies equal to the
 * count from the rows. Exits 1 on any violation.
 *
 * Then the same on PostgreSQL (decision 0038), in a child process that runs on it: a throw-away server
 * with fsync on; two app servers behind the balancer in every round; the first round kills one of them
 * (kill -9) mid-load, the second restarts PostgreSQL itself mid-load (an immediate stop, as a crash, then
 * recovery), the servers staying up; the same checks (no integrity pragma there: PostgreSQL recovers
 * from its log).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { and, count, eq, gt, like } from "drizzle-orm";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { databaseEngine } from "@/db/engine";
import { checkIns, invitations, scanLog } from "@/db/schema";
import { tallyDifferences } from "@/lib/reports/attendance-tallies";
import { childProcessEnv, env, toolEnv } from "@/lib/env";
import { restartCluster, startPostgres, type PostgresServer } from "@/lib/testing/postgres-server";
import { startBalancer, type Balancer } from "./bench/balancer";
import { prepareCheckInDatabase } from "./bench/checkin-fixture";
import { signIn, startApp } from "./bench/http-helpers";

const ROUNDS = toolEnv().FAULT_ROUNDS;
const CLIENTS = 8;
const PORTS = [3411, 3412];
const BALANCER_PORT = 3410;
const ON_POSTGRES = process.argv.includes("--postgres");
/** The PostgreSQL part's session secret: required with DATABASE_URL, the same on both app servers. */
const PG_SECRET = "test-faults-postgres-secret-0123456789abcdef";

/** What a round does mid-load: kill -9 the first app server, or restart PostgreSQL under both. */
type Fault = "kill-app" | "restart-postgres";

/**
 * The session cookie got through the balancer must open a session on each server by itself: both
 * sign with the NEXTAUTH_SECRET that npm start generated once into secrets.json beside the shared file.
 */
async function sessionValidOnEach(servers: { base: string }[], cookie: string): Promise<boolean> {
  const users = await Promise.all(
    servers.map(async (s) => {
      const session = (await (await fetch(`${s.base}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { id?: number } };
      return session.user?.id ?? null;
    }),
  );
  if (users.every((u) => u !== null)) return true;
  console.error(`✗ the session signed in through the balancer is not valid on every server: ${JSON.stringify(users)}`);
  return false;
}

interface Sent {
  nonce: string;
  token: string;
}

async function main() {
  if (!ON_POSTGRES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-faults-"));
    const file = path.join(dir, "faults.db");
    const rounds = Array.from({ length: ROUNDS }, (_, i) => ({ twoServers: i === ROUNDS - 1, fault: "kill-app" as Fault }));
    const failures = await faultRounds(file, rounds, null);
    fs.rmSync(dir, { recursive: true, force: true });
    if (failures > 0) finish(failures);
    console.log(`\n✓ ${ROUNDS} crashes: nothing acknowledged was lost, nothing counted twice.`);
    // The same on PostgreSQL, in a process of its own (a process runs on one engine).
    const server = await startPostgres({ durable: true });
    let code: number | null = null;
    try {
      const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/test-faults.ts", "--postgres", server.dir], {
        env: childProcessEnv({ DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: "1" }),
        stdio: "inherit",
      });
      code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    } finally {
      server.stop(); // before finish(): process.exit would skip it and leave the cluster running
    }
    finish(code === 0 ? 0 : 1);
  }
  // The child: PostgreSQL at DATABASE_URL, its cluster's folder given by the parent (to restart it).
  const url = env().DATABASE_URL!;
  const clusterDir = process.argv[process.argv.indexOf("--postgres") + 1];
  const cluster = { restart: () => restartCluster(clusterDir) };
  console.log("\nPostgreSQL (fsync on), two app servers behind the balancer:");
  const failures = await faultRounds(
    url,
    [
      { twoServers: true, fault: "kill-app" },
      { twoServers: true, fault: "restart-postgres" },
    ],
    cluster,
  );
  if (failures === 0)
    console.log("\n✓ On PostgreSQL: an app server killed, then PostgreSQL restarted, mid-load: nothing acknowledged was lost, nothing counted twice.");
  finish(failures);
}

function finish(failures: number): never {
  if (failures > 0) {
    console.error(`\n✗ ${failures} violations.`);
    process.exit(1);
  }
  process.exit(0);
}

async function faultRounds(
  location: string,
  rounds: { twoServers: boolean; fault: Fault }[],
  postgres: Pick<PostgresServer, "restart"> | null,
): Promise<number> {
  const { tokens, siteId } = await prepareCheckInDatabase(location, 20_000);
  const acknowledged = new Map<string, { token: string; verdict: string }>();
  const unanswered: Sent[] = [];
  let nextToken = 0;
  let seq = 0;
  let failures = 0;

  for (const [index, { twoServers, fault }] of rounds.entries()) {
    const round = index + 1;
    // Behind the balancer the users' address is the balancer's, and next-auth's NEXTAUTH_URL says so.
    const serverEnv: Record<string, string> = twoServers ? { NEXTAUTH_URL: `http://127.0.0.1:${BALANCER_PORT}` } : {};
    if (postgres) Object.assign(serverEnv, { DATABASE_URL: location, NEXTAUTH_SECRET: PG_SECRET });
    const servers = [await startApp(postgres ? "" : location, PORTS[0], serverEnv)];
    if (twoServers) servers.push(await startApp(postgres ? "" : location, PORTS[1], serverEnv, ["--no-build"]));
    const upstreams = servers.map((s) => s.base);
    const balancer: Balancer | null = twoServers ? await startBalancer(upstreams, BALANCER_PORT) : null;
    const base = balancer?.base ?? servers[0].base;
    const cookie = await signIn(base, "bench.scanner", "bench-password");
    if (twoServers && !(await sessionValidOnEach(servers, cookie))) failures++;
    let running = true;
    let ok = 0;
    let errors = 0;
    let refused = 0;
    const client = async (c: number) => {
      while (running) {
        // Resend what got no answer (same nonce), repeat a letter now and then, or scan a new one.
        const resend = unanswered.length > 0 && Math.random() < 0.3 ? unanswered.shift()! : null;
        const sent: Sent = resend ?? {
          nonce: `fault-${process.pid}-${++seq}`,
          token: Math.random() < 0.1 && nextToken > 0 ? tokens[Math.floor(Math.random() * nextToken)] : tokens[nextToken++ % tokens.length],
        };
        try {
          const response = await fetch(`${base}/api/checkin`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie },
            // Many door devices per client, so that the flood guard (30 scans/s per device) stays quiet.
            body: JSON.stringify({
              token: sent.token,
              siteId,
              deviceId: `fault-${c}-${seq % 100}`,
              nonce: sent.nonce,
              scannedAt: Date.now(),
              method: "camera",
            }),
            signal: AbortSignal.timeout(3000),
          });
          if (response.status === 200) {
            const body = (await response.json()) as { verdict: string };
            const before = acknowledged.get(sent.nonce);
            if (before && before.verdict !== body.verdict) {
              console.error(`✗ nonce ${sent.nonce} answered ${before.verdict}, then ${body.verdict}`);
              failures++;
            }
            acknowledged.set(sent.nonce, { token: sent.token, verdict: body.verdict });
            ok++;
          } else {
            unanswered.push(sent);
            refused++;
          }
        } catch {
          unanswered.push(sent);
          errors++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, 800 + Math.random() * 1700));
    const atKill = balancer?.stats();
    if (fault === "kill-app") servers[0].kill();
    else postgres!.restart();
    // Behind the balancer the clients go on a little longer, so that the survivor is seen carrying the load.
    await new Promise((r) => setTimeout(r, twoServers ? (fault === "restart-postgres" ? 2000 : 1000) : 400));
    running = false;
    await Promise.all(clients);
    for (const s of fault === "kill-app" ? servers.slice(1) : servers) s.kill();
    await new Promise((r) => setTimeout(r, 300));
    let spread = "";
    if (balancer && atKill) {
      const stats = balancer.stats();
      await balancer.close();
      // Counted by the balancer: the sign-in's two requests are among them.
      const [killed, survivor] = upstreams.map((u) => stats.answered[u]);
      const afterKill = survivor - atKill.answered[upstreams[1]];
      spread =
        `; server 1${fault === "kill-app" ? " (killed)" : ""} answered ${killed}, server 2 ${survivor} (${afterKill} after the ${fault === "kill-app" ? "kill" : "restart"}); ` +
        `balancer: ${stats.failovers} failovers, ${stats.badGateway} answered 502 (resent by the clients), ${stats.cut} responses cut`;
      if (afterKill === 0) {
        console.error("✗ after the kill the balancer sent nothing to the surviving server");
        failures++;
      }
    }
    console.log(
      `round ${round}${twoServers ? ` (two servers on one ${postgres ? "PostgreSQL" : "file"} behind the balancer, ${fault === "kill-app" ? "one killed" : "PostgreSQL restarted"})` : ""}: ${ok} answered, ${refused} refused (HTTP), ${errors} cut off${spread}`,
    );
  }

  return failures + (await check(location, acknowledged, unanswered.length));
}

/** The check, on the database the killed servers left behind: what the clients saw acknowledged against what is stored. */
async function check(location: string, acknowledged: Map<string, { token: string; verdict: string }>, neverAnswered: number): Promise<number> {
  let failures = 0;
  const db: Db = openDatabase(location);
  if (databaseEngine() === "sqlite") {
    const integrity = (db.$client.pragma("integrity_check") as { integrity_check: string }[])[0].integrity_check;
    if (integrity !== "ok") {
      console.error(`✗ integrity_check: ${integrity}`);
      failures++;
    }
  }
  const logged = new Map(
    (await db.select({ nonce: scanLog.nonce, verdict: scanLog.verdict }).from(scanLog).where(like(scanLog.nonce, "fault-%"))).map((r) => [
      r.nonce,
      r.verdict as string,
    ]),
  );
  const stored = await db
    .select({ nonce: checkIns.nonce, token: invitations.token })
    .from(checkIns)
    .innerJoin(invitations, eq(invitations.id, checkIns.invitationId))
    .where(like(checkIns.deviceId, "fault-%"));
  const checkedTokens = new Set(stored.map((c) => c.token));
  let lost = 0;
  let changed = 0;
  let missingCheckIn = 0;
  for (const [nonce, ack] of acknowledged) {
    const verdict = logged.get(nonce);
    if (!verdict) lost++;
    else if (verdict !== ack.verdict) changed++;
    if (ack.verdict === "ok" && !checkedTokens.has(ack.token)) missingCheckIn++;
  }
  const doubled = (
    await db
      .select({ invitationId: checkIns.invitationId, n: count() })
      .from(checkIns)
      .groupBy(checkIns.invitationId)
      .having(({ n }) => and(gt(n, 1)))
  ).length;
  const unbacked = stored.filter((c) => c.nonce === null || logged.get(c.nonce) !== "ok").length;
  // The attendance tallies the database kept through the crashes (decision 0039) against the rows left.
  const tallyMismatches = (await tallyDifferences(db)).length;
  await closeDatabase(db);
  const acknowledgedOk = [...acknowledged.values()].filter((a) => a.verdict === "ok").length;
  console.log(
    `\n${acknowledged.size} scans acknowledged (${acknowledgedOk} check-ins), ${stored.length} check-ins in the database, ${neverAnswered} never answered.`,
  );
  for (const [label, n] of [
    ["acknowledged scans missing from the log", lost],
    ["acknowledged scans logged with another verdict", changed],
    ["acknowledged check-ins missing", missingCheckIn],
    ["letters checked in twice", doubled],
    ["check-ins without their logged scan", unbacked],
    ["attendance tallies that differ from the rows", tallyMismatches],
  ] as const) {
    console.log(`  ${n === 0 ? "✓" : "✗"} ${label}: ${n}`);
    failures += n;
  }
  return failures;
}

void main();
