/**
 * The one module that reads the environment (docs/decisions/0030-one-environment-module.md).
 *
 * Every variable the app, its database layer, the server and the scripts read is declared here
 * with what it accepts, its default and one line on what it does; docs/operations.md §2 and
 * .env.example list the same variables (lib/env.test.ts checks it). A value that is not allowed
 * is refused with a message naming the variable, the value and what is allowed, in Vietnamese
 * then English — never replaced silently by the default. An empty value (`PORT=` in .env) counts
 * as unset. Word-like choices ignore case (`full` is FULL).
 *
 * `scripts/start.ts` and `server.ts` call `envOrExit()` before anything else, so a bad value stops
 * the start; everyone else calls `env()` (validated once per process, then cached). ESLint refuses
 * `process.env` outside this file and the test harness (eslint.config.mjs).
 *
 * A plain module (no "server-only"): tsx scripts, vitest and drizzle.config.ts import it too.
 */
import { z } from "zod";

type Source = Record<string, string | undefined>;

/** One variable: its schema, what it does, and what it accepts (Vietnamese, then English) for the refusal message. */
interface Variable<S extends z.ZodType = z.ZodType> {
  schema: S;
  description: string;
  allowed: { vi: string; en: string };
  /** Never echo the value (a password, a secret): the message gives its length instead. */
  secret?: boolean;
}

const variable = <S extends z.ZodType>(v: Variable<S>) => v;

/** A choice among words, case ignored: the value is compared in upper (or lower) case and given back that way. */
function choice<const T extends readonly [string, ...string[]]>(values: T, caseOf: "upper" | "lower" | "exact") {
  const normalise = (v: unknown) =>
    typeof v !== "string" ? v : caseOf === "upper" ? v.trim().toUpperCase() : caseOf === "lower" ? v.trim().toLowerCase() : v.trim();
  return z.preprocess(normalise, z.enum(values));
}

/** "0" or "1", as a boolean. */
const flag = (fallback: "0" | "1") =>
  z
    .preprocess((v) => (typeof v === "string" ? v.trim() : v), z.enum(["0", "1"]))
    .default(fallback)
    .transform((v) => v === "1");

/** A whole number within a range (`1e3` and ` 12 ` are read as numbers; `12abc`, `1.5` are refused). */
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const range = (min: number, max: number, unit = "") => ({
  vi: `một số nguyên từ ${min} đến ${max}${unit ? ` (${unit})` : ""}`,
  en: `a whole number from ${min} to ${max}`,
});

/** What the application, the database layer, the server and `npm start` read. */
export const APP_VARIABLES = {
  NODE_ENV: variable({
    schema: choice(["development", "production", "test"], "lower").default("development"),
    description: "Set by Next, npm start and vitest; not set by hand.",
    allowed: { vi: "development, production hoặc test", en: "development, production or test" },
  }),
  PORT: variable({
    schema: integer(1, 65535).default(3000),
    description: "Port of the web server (npm start, server.ts).",
    allowed: range(1, 65535),
  }),
  DATABASE_PATH: variable({
    schema: z.string().default("data/app.db"),
    description: "The SQLite file; created, migrated and seeded on the first start.",
    allowed: { vi: "đường dẫn tới tệp", en: "a file path" },
  }),
  DATABASE_URL: variable({
    schema: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    description:
      "Set: the app runs on this PostgreSQL server instead of the SQLite file (several app servers; NEXTAUTH_SECRET required). Also the target of npm run db:export-to-postgres.",
    allowed: { vi: "một địa chỉ postgres:// hoặc postgresql://", en: "a postgres:// or postgresql:// address" },
    secret: true,
  }),
  NEXTAUTH_SECRET: variable({
    schema: z.string().min(32).optional(),
    description: "Signs sessions; npm start generates one into data/secrets.json when unset.",
    allowed: { vi: "một chuỗi ngẫu nhiên dài ít nhất 32 ký tự", en: "a random string of at least 32 characters" },
    secret: true,
  }),
  NEXTAUTH_URL: variable({
    schema: z.url({ protocol: /^https?$/ }).optional(),
    description: "The public address users open; npm start sets http://localhost:PORT when unset.",
    allowed: { vi: "một địa chỉ http:// hoặc https://", en: "an http:// or https:// address" },
  }),
  TRUST_PROXY: variable({
    schema: flag("0"),
    description: "1 behind a reverse proxy: the sign-in throttle counts per X-Forwarded-For address.",
    allowed: { vi: "0 hoặc 1", en: "0 or 1" },
  }),
  DEMO: variable({
    schema: choice(["0", "1", "2025"], "exact").default("1"),
    description: "What an empty database gets: 1 the 2021 demo, 2025 the post-reform demo, 0 one admin.",
    allowed: {
      vi: "1 (dữ liệu mẫu 2021), 2025 (dữ liệu mẫu sau sắp xếp 2025) hoặc 0 (cơ sở dữ liệu trống)",
      en: "1 (2021 demo), 2025 (post-reform demo) or 0 (empty database)",
    },
  }),
  ADMIN_USERNAME: variable({
    schema: z.string().trim().min(3).optional(),
    description: "With DEMO=0, the first admin's user name.",
    allowed: { vi: "ít nhất 3 ký tự", en: "at least 3 characters" },
  }),
  ADMIN_PASSWORD: variable({
    schema: z.string().min(8).optional(),
    description: "With DEMO=0, the first admin's password.",
    allowed: { vi: "ít nhất 8 ký tự", en: "at least 8 characters" },
    secret: true,
  }),
  ROOT_UNIT_NAME: variable({
    schema: z.string().trim().min(2).default("Tỉnh Quảng Ngãi"),
    description: "With DEMO=0, the root unit the first admin belongs to.",
    allowed: { vi: "ít nhất 2 ký tự", en: "at least 2 characters" },
  }),
  ROOT_UNIT_CODE: variable({
    schema: z.string().trim().min(1).default("51"),
    description: "With DEMO=0, the root unit's code.",
    allowed: { vi: "ít nhất 1 ký tự", en: "at least 1 character" },
  }),
  SQLITE_SYNCHRONOUS: variable({
    schema: choice(["NORMAL", "FULL"], "upper").default("NORMAL"),
    description: "SQLite's synchronous pragma: NORMAL survives a process crash, FULL also a power cut (decision 0011).",
    allowed: { vi: "NORMAL hoặc FULL (chữ hoa hay thường đều được)", en: "NORMAL or FULL (any case)" },
  }),
  CHECKIN_OPEN_BEFORE_MINUTES: variable({
    schema: integer(0, 1440).default(120),
    description: "The door opens this many minutes before a conference starts.",
    allowed: range(0, 1440, "phút"),
  }),
  CHECKIN_CLOSE_AFTER_MINUTES: variable({
    schema: integer(0, 1440).default(60),
    description: "The door closes this many minutes after a conference ends.",
    allowed: range(0, 1440, "phút"),
  }),
  CHECKIN_FAST_PATH: variable({
    schema: flag("1"),
    description: "0 sends POST /api/checkin through Next's route handler instead of the fast path (decision 0008).",
    allowed: { vi: "0 hoặc 1", en: "0 or 1" },
  }),
  SERVER_HEAP_MB: variable({
    schema: integer(128, 65536).default(512),
    description: "The server's JavaScript heap limit in MB (npm start passes --max-old-space-size).",
    allowed: range(128, 65536, "MB"),
  }),
  NODE_OPTIONS: variable({
    schema: z.string().optional(),
    description: "Node's own options; npm start adds the heap limit to them for the server.",
    allowed: { vi: "tùy chọn của Node", en: "Node options" },
  }),
  BACKUP_KEEP: variable({
    schema: integer(1, 10000).default(30),
    description: "How many backups npm run db:backup keeps in data/backups.",
    allowed: range(1, 10000),
  }),
};

/** What the measuring and test tools under scripts/ read (benchmarks, fault test, icons); the app never does. */
export const TOOL_VARIABLES = {
  CHROMIUM_PATH: variable({
    schema: z.string().default("/usr/bin/chromium"),
    description: "The Chromium that e2e, the benchmarks and make-icons launch.",
    allowed: { vi: "đường dẫn tới tệp chạy", en: "an executable path" },
  }),
  FAULT_ROUNDS: variable({
    schema: integer(2, 100).default(4),
    description: "npm run test:faults: rounds of kill -9 (the last with two servers).",
    allowed: range(2, 100),
  }),
  BENCH_PORT: variable({
    schema: integer(1, 65535).optional(),
    description: "Port of the server a benchmark starts (each has its own default).",
    allowed: range(1, 65535),
  }),
  BENCH_SECONDS: variable({
    schema: integer(1, 3600).default(10),
    description: "npm run bench:checkin: seconds per measurement.",
    allowed: range(1, 3600),
  }),
  BENCH_ENGINE: variable({
    schema: choice(["sqlite", "postgres"], "lower").optional(),
    description: "npm run bench:checkin and bench:reports: measure on this engine only (both by default).",
    allowed: { vi: "sqlite hoặc postgres", en: "sqlite or postgres" },
  }),
  BENCH_RUNS: variable({
    schema: integer(1, 1000).default(12),
    description: "npm run bench:camera: clips per measurement.",
    allowed: range(1, 1000),
  }),
  BENCH_PART: variable({
    schema: choice(["1", "2"], "exact").optional(),
    description: "npm run bench:import: run part 1 or 2 only.",
    allowed: { vi: "1 hoặc 2", en: "1 or 2" },
  }),
  BENCH_REPORTS_DB: variable({
    schema: z.string().optional(),
    description: "npm run bench:reports: keep (and reuse) the large database at this path.",
    allowed: { vi: "đường dẫn tới tệp", en: "a file path" },
  }),
  SOAK_SECONDS: variable({
    schema: integer(10, 86400).default(600),
    description: "npm run bench:soak: how long the load runs.",
    allowed: range(10, 86400),
  }),
  SOAK_PORT: variable({
    schema: integer(1, 65535).default(3421),
    description: "npm run bench:soak: the server's port.",
    allowed: range(1, 65535),
  }),
  SOAK_ONLY: variable({
    schema: choice(["door", "pages"], "lower").optional(),
    description: "npm run bench:soak: only the door's or only the pages' half of the traffic.",
    allowed: { vi: "door hoặc pages", en: "door or pages" },
  }),
};

type Variables = Record<string, Variable>;
type Parsed<V extends Variables> = { [K in keyof V]: z.output<V[K]["schema"]> };

export type Env = Parsed<typeof APP_VARIABLES>;
export type ToolEnv = Parsed<typeof TOOL_VARIABLES>;
/** The environment of the running server, whose sessions need a secret. */
export type ServerEnv = Env & { NEXTAUTH_SECRET: string };

export type EnvResult<T> = { ok: true; env: T } | { ok: false; message: string };

/** Unset, or set to nothing (`PORT=` in a .env file). */
const unset = (value: string | undefined) => value === undefined || value.trim() === "";

function describeValue(name: string, value: string | undefined, spec: Variable): string {
  if (unset(value)) return `${name} (chưa đặt / not set)`;
  if (spec.secret) return `${name} (giá trị ẩn, dài ${value!.length} ký tự / hidden, ${value!.length} characters)`;
  return `${name}="${value}"`;
}

function refusal(name: string, value: string | undefined, spec: Variable): string {
  const what = describeValue(name, value, spec);
  return `  ${what} không hợp lệ: cần ${spec.allowed.vi}. — invalid: expected ${spec.allowed.en}.`;
}

function parseWith<V extends Variables>(variables: V, source: Source): EnvResult<Parsed<V>> {
  const shape = Object.fromEntries(Object.entries(variables).map(([name, spec]) => [name, spec.schema]));
  const input = Object.fromEntries(Object.keys(variables).map((name) => [name, unset(source[name]) ? undefined : source[name]]));
  const parsed = z.object(shape).safeParse(input);
  if (parsed.success) return { ok: true, env: parsed.data as Parsed<V> };
  const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const lines = names.map((name) => refusal(name, source[name], variables[name]));
  return { ok: false, message: `Cấu hình môi trường không hợp lệ / invalid environment:\n${lines.join("\n")}` };
}

/** Validates `source` (process.env by default) against every application variable; pure, for tests. */
export function parseEnv(source: Source): EnvResult<Env> {
  return parseWith(APP_VARIABLES, source);
}

/** The same for the tools' variables. */
export function parseToolEnv(source: Source): EnvResult<ToolEnv> {
  return parseWith(TOOL_VARIABLES, source);
}

let cached: Env | undefined;
let cachedTools: ToolEnv | undefined;

/** The application's environment, validated on the first call (an Error with the message when a value is refused). */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(result.message);
  cached = result.env;
  return cached;
}

/** The server's environment: env() with the session secret, which must be set by then (npm start sets it). */
export function serverEnv(): ServerEnv {
  const e = env();
  if (!e.NEXTAUTH_SECRET) {
    throw new Error(
      "Cấu hình môi trường không hợp lệ / invalid environment:\n" +
        "  NEXTAUTH_SECRET (chưa đặt / not set): cần một chuỗi ngẫu nhiên dài ít nhất 32 ký tự (npm start tự tạo). — expected a random string of at least 32 characters (npm start generates one).",
    );
  }
  return e as ServerEnv;
}

/** The tools' environment (benchmarks, the fault test, make-icons). */
export function toolEnv(): ToolEnv {
  if (cachedTools) return cachedTools;
  const result = parseToolEnv(process.env);
  if (!result.ok) throw new Error(result.message);
  cachedTools = result.env;
  return cachedTools;
}

/**
 * For the entry points (scripts/start.ts, server.ts), before anything else: the environment, or the
 * message on stderr and exit code 1. `requireSecret`: the server needs NEXTAUTH_SECRET (npm start
 * generates it later, so it does not).
 */
export function envOrExit(options: { requireSecret: true }): ServerEnv;
export function envOrExit(options?: { requireSecret?: false }): Env;
export function envOrExit(options: { requireSecret?: boolean } = {}): Env {
  try {
    return options.requireSecret ? serverEnv() : env();
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * The environment a child process gets (next build, server.ts, a benchmark's server): this
 * process's own, with `overrides` on top. Passing the environment on is not reading it, so the
 * scripts do it here rather than spreading process.env themselves.
 */
export function childProcessEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/**
 * Whether DATABASE_URL is set, without validating anything else: db/engine.ts asks at import time (db/schema.ts
 * picks the engine's tables), before an entry point has checked the environment and printed its refusal.
 */
export function databaseUrlIsSet(): boolean {
  return !unset(process.env.DATABASE_URL);
}

/** Forgets the validated environment (tests that change process.env). */
export function resetEnvCache(): void {
  cached = undefined;
  cachedTools = undefined;
}
