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
 * at most one check-in per letter; every check-in backed by its logged scan. Exits 1 on any
 * violation.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, openDatabase } from "@/db/client";
import { toolEnv } from "@/lib/env";
import { startBalancer, type Balancer } from "./bench/balancer";
import { prepareCheckInDatabase } from "./bench/checkin-fixture";
import { signIn, startApp } from "./bench/http-helpers";

const ROUNDS = toolEnv().FAULT_ROUNDS;
const CLIENTS = 8;
const PORTS = [3411, 3412];
const BALANCER_PORT = 3410;

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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-faults-"));
  const file = path.join(dir, "faults.db");
  const { tokens, siteId } = await prepareCheckInDatabase(file, 20_000);
  const acknowledged = new Map<string, { token: string; verdict: string }>();
  const unanswered: Sent[] = [];
  let nextToken = 0;
  let seq = 0;
  let failures = 0;

  for (let round = 1; round <= ROUNDS; round++) {
    const twoServers = round === ROUNDS;
    // Behind the balancer the users' address is the balancer's, and next-auth's NEXTAUTH_URL says so.
    const env: Record<string, string> = twoServers ? { NEXTAUTH_URL: `http://127.0.0.1:${BALANCER_PORT}` } : {};
    const servers = [await startApp(file, PORTS[0], env)];
    if (twoServers) servers.push(await startApp(file, PORTS[1], env));
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
    servers[0].kill();
    // Behind the balancer the clients go on a little longer, so that the survivor is seen carrying the load.
    await new Promise((r) => setTimeout(r, twoServers ? 1000 : 400));
    running = false;
    await Promise.all(clients);
    for (const s of servers.slice(1)) s.kill();
    await new Promise((r) => setTimeout(r, 300));
    let spread = "";
    if (balancer && atKill) {
      const stats = balancer.stats();
      await balancer.close();
      // Counted by the balancer: the sign-in's two requests are among them.
      const [killed, survivor] = upstreams.map((u) => stats.answered[u]);
      const afterKill = survivor - atKill.answered[upstreams[1]];
      spread =
        `; server 1 (killed) answered ${killed}, server 2 ${survivor} (${afterKill} after the kill); ` +
        `balancer: ${stats.failovers} failovers, ${stats.badGateway} answered 502 (resent by the clients), ${stats.cut} responses cut`;
      if (afterKill === 0) {
        console.error("✗ after the kill the balancer sent nothing to the surviving server");
        failures++;
      }
    }
    console.log(
      `round ${round}${twoServers ? " (two servers on one file behind the balancer, one killed)" : ""}: ${ok} answered, ${refused} refused (HTTP), ${errors} cut off by the kill${spread}`,
    );
  }

  // The check, on the file the killed servers left behind.
  const db = openDatabase(file);
  const sqlite = db.$client;
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[])[0].integrity_check;
  if (integrity !== "ok") {
    console.error(`✗ integrity_check: ${integrity}`);
    failures++;
  }
  const logged = new Map(
    (sqlite.prepare("select nonce, verdict from scan_log where nonce like 'fault-%'").all() as { nonce: string; verdict: string }[]).map((r) => [
      r.nonce,
      r.verdict,
    ]),
  );
  const checkIns = sqlite
    .prepare("select c.nonce, i.token from check_ins c join invitations i on i.id = c.invitation_id where c.device_id like 'fault-%'")
    .all() as { nonce: string; token: string }[];
  const checkedTokens = new Set(checkIns.map((c) => c.token));
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
    sqlite.prepare("select count(*) n from (select invitation_id from check_ins group by invitation_id having count(*) > 1)").get() as { n: number }
  ).n;
  const unbacked = checkIns.filter((c) => logged.get(c.nonce) !== "ok").length;
  await closeDatabase(db);
  const acknowledgedOk = [...acknowledged.values()].filter((a) => a.verdict === "ok").length;
  console.log(
    `\n${acknowledged.size} scans acknowledged (${acknowledgedOk} check-ins), ${checkIns.length} check-ins in the database, ${unanswered.length} never answered.`,
  );
  for (const [label, n] of [
    ["acknowledged scans missing from the log", lost],
    ["acknowledged scans logged with another verdict", changed],
    ["acknowledged check-ins missing", missingCheckIn],
    ["letters checked in twice", doubled],
    ["check-ins without their logged scan", unbacked],
  ] as const) {
    console.log(`  ${n === 0 ? "✓" : "✗"} ${label}: ${n}`);
    failures += n;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (failures > 0) {
    console.error(`\n✗ ${failures} violations.`);
    process.exit(1);
  }
  console.log(`\n✓ ${ROUNDS} crashes: nothing acknowledged was lost, nothing counted twice.`);
  process.exit(0);
}

void main();
