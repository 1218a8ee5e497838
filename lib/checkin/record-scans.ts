/**
 * A group of scans recorded in one transaction with a handful of statements, whatever its size: the fast
 * path's group commit (group-commit.ts). One scan alone costs four statements (its nonce, its letter, the
 * check-in, the log row); on PostgreSQL each is a round trip, and the door's rate was bound by them
 * (docs/benchmarks.md). Here the group's letters and logged nonces are read in one query, the scans are judged
 * in order by the same rules as one scan (record-scan.ts, verdict.ts), and their rows are written in one
 * statement (db/json-rows.ts): with BEGIN and COMMIT, four round trips for the whole group. The group commit
 * first writes the group's leading scans without a transaction (recordLeadingScans): one read, then one
 * statement that keeps all their rows or none, two round trips; a transaction only for the rest, if any.
 *
 * A scan whose answer needs more than its letter's row (a retried nonce, a letter chosen by hand, another
 * conference's or site's letter, a text that is not exactly one issued token, an offline scan that takes a
 * check-in over, a letter or nonce already met in this group) is recorded alone, by recordScanInTransaction,
 * after the rows judged before it are written: every scan still sees the ones before it. If another server
 * wrote a check-in or a nonce of the group between the reads and the inserts, fewer rows go in than were
 * judged: the group is rolled back (GroupRaced) and the caller records its scans one by one, each of which
 * answers the race as the database kept it (decision 0038).
 */
import type { Db, Tx } from "@/db/client";
import { insertAllOrNothing, insertJsonRowsTogether } from "@/db/json-rows";
import { checkIns, scanLog } from "@/db/schema";
import { normalizeToken } from "@/lib/tokens/normalize-token";
import {
  checkInRow,
  isEarlierOfflineScan,
  judgeFoundLetter,
  logRow,
  recordScanInTransaction,
  scanAt,
  type ScanAt,
  type ScanInput,
  type ScanResult,
  type Site,
  type StoredToken,
} from "./record-scan";
import { lettersForGroup, siteForScan } from "./scan-statements";

export interface GroupScan {
  userId: number;
  input: ScanInput;
  now: Date;
}

/** Another server wrote a row this group had judged free: nothing of the group is kept; record its scans one by one. */
export class GroupRaced extends Error {
  constructor() {
    super("Another server recorded a scan of this group first");
  }
}

type CheckInRow = typeof checkIns.$inferInsert;
type LogRow = typeof scanLog.$inferInsert;

/** The answers, in the scans' order: the whole group, in the caller's transaction. */
export async function recordScans(tx: Tx, group: GroupScan[]): Promise<ScanResult[]> {
  return await judgeAndWrite(tx, group, {
    write: (pending) => writePending(tx, pending),
    alone: (scan) => recordScanInTransaction(tx, scan.userId, scan.input, scan.now),
  });
}

/**
 * The group's first scans, up to the first one that must be recorded alone, without a transaction: their letters
 * read in one query and their rows written in one all-or-nothing statement (insertAllOrNothing), two round trips
 * on PostgreSQL where a transaction takes four. Their answers, in order (none when the first scan must be
 * recorded alone); the caller records the rest with recordScans, after these are committed. Throws GroupRaced,
 * having written nothing, when another server was first to one of their rows.
 */
export async function recordLeadingScans(db: Db, group: GroupScan[]): Promise<ScanResult[]> {
  return await judgeAndWrite(db, group, { write: (pending) => writeAllOrNothing(db, pending), alone: null });
}

type Pending = { checkIns: CheckInRow[]; logs: LogRow[] };

/**
 * The scans judged in order from one read of their letters; their rows go to `write` together, before a scan
 * that `alone` records by itself (so that it sees them) and at the end. Without `alone`, the first such scan
 * ends the group: the answers stop there.
 */
async function judgeAndWrite(
  db: Db | Tx,
  group: GroupScan[],
  how: { write: (pending: Pending) => Promise<void>; alone: ((scan: ScanAt) => Promise<ScanResult>) | null },
): Promise<ScanResult[]> {
  const scans = group.map((g) => ({ ...scanAt(g.userId, g.input, g.now), readings: g.input.invitationId ? [] : normalizeToken(g.input.token ?? "") }));
  const nonces = scans.map((s) => s.input.nonce);
  const [{ letters, loggedNonces: logged }, sites] = await Promise.all([
    lettersForGroup(db, [...new Set(scans.flatMap((s) => s.readings))], nonces),
    sitesOf(db, scans),
  ]);
  const letterByToken = new Map(letters.map((letter) => [letter.token, letter]));
  /** Letters and nonces this group has written, or may have: a later scan of one is judged against the database. */
  const touchedLetters = new Set<number>();
  const touchedNonces = new Set<string>();
  let pending: Pending = { checkIns: [], logs: [] };
  const answers: ScanResult[] = [];

  for (const scan of scans) {
    const site = sites.get(scan.input.siteId);
    const found = foundLetter(scan.readings, letterByToken);
    const judged =
      site && found && !scan.input.invitationId && !logged.has(scan.input.nonce) && !touchedNonces.has(scan.input.nonce) && !touchedLetters.has(found.id)
        ? await judgeFoundLetter(db, site, found, scan.scannedAt)
        : undefined;
    touchedNonces.add(scan.input.nonce);
    if (judged && !isEarlierOfflineScan(scan, judged)) {
      const { result, invitationId, conferenceId } = judged;
      if (result.verdict === "ok" && invitationId && conferenceId) {
        result.checkIn = { scannedAt: scan.scannedAt.toISOString(), isLate: result.checkIn!.isLate };
        pending.checkIns.push(checkInRow(scan, invitationId, conferenceId, result.checkIn.isLate));
      }
      pending.logs.push(logRow(scan, judged));
      if (invitationId) touchedLetters.add(invitationId);
      answers.push(result);
      continue;
    }
    if (!how.alone) break;
    await writeIfAny(how.write, pending);
    pending = { checkIns: [], logs: [] };
    const result = await how.alone(scan);
    if (result.invitationId) touchedLetters.add(result.invitationId);
    if (found) touchedLetters.add(found.id);
    answers.push(result);
  }
  await writeIfAny(how.write, pending);
  return answers;
}

async function writeIfAny(write: (pending: Pending) => Promise<void>, pending: Pending) {
  if (pending.checkIns.length > 0 || pending.logs.length > 0) await write(pending);
}

/** The one letter whose token is among the scan's readings; none if no reading, or more than one, is an issued token. */
function foundLetter(readings: string[], letterByToken: Map<string | null, StoredToken>): StoredToken | undefined {
  const found = readings.flatMap((token) => letterByToken.get(token) ?? []);
  return found.length === 1 ? found[0] : undefined;
}

/** The group's sites with their conferences: as the access check loaded them (the fast path), or read once per site. */
async function sitesOf(db: Db | Tx, scans: ScanAt[]): Promise<Map<number, Site>> {
  const sites = new Map<number, Site>();
  for (const { input } of scans) {
    if (sites.has(input.siteId)) continue;
    const site = input.site?.id === input.siteId ? input.site : await siteForScan(db, input.siteId);
    if (site) sites.set(input.siteId, site);
  }
  return sites;
}

const insertsOf = ({ checkIns: checkInRows, logs }: Pending) => [
  { table: checkIns, rows: checkInRows },
  { table: scanLog, rows: logs },
];

/** The rows judged so far, in one insert per table; a row the database already holds means another server was first. */
async function writePending(tx: Tx, pending: Pending) {
  const [checkedIn, logged] = await insertJsonRowsTogether(tx, insertsOf(pending));
  if (checkedIn !== pending.checkIns.length || logged !== pending.logs.length) throw new GroupRaced();
}

/** The same rows without a transaction: all of them, or none and GroupRaced. */
async function writeAllOrNothing(db: Db, pending: Pending) {
  if (!(await insertAllOrNothing(db, insertsOf(pending)))) throw new GroupRaced();
}
