import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writerForSetup, closeDatabase, openDatabase } from "@/db/client";
import { APP_VARIABLES, childProcessEnv, parseEnv, parseToolEnv, resetEnvCache, TOOL_VARIABLES } from "./env";

const refused = (source: Record<string, string>) => {
  const result = parseEnv(source);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(source)}`);
  return result.message;
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("the environment", () => {
  it("gives every default when nothing is set", () => {
    expect(parseEnv({})).toEqual({
      ok: true,
      env: {
        NODE_ENV: "development",
        PORT: 3000,
        DATABASE_PATH: "data/app.db",
        NEXTAUTH_SECRET: undefined,
        NEXTAUTH_URL: undefined,
        TRUST_PROXY: false,
        DEMO: "1",
        ADMIN_USERNAME: undefined,
        ADMIN_PASSWORD: undefined,
        ROOT_UNIT_NAME: "Tỉnh Quảng Ngãi",
        ROOT_UNIT_CODE: "51",
        SQLITE_SYNCHRONOUS: "NORMAL",
        CHECKIN_OPEN_BEFORE_MINUTES: 120,
        CHECKIN_CLOSE_AFTER_MINUTES: 60,
        CHECKIN_FAST_PATH: true,
        SERVER_HEAP_MB: 512,
        NODE_OPTIONS: undefined,
        BACKUP_KEEP: 30,
      },
    });
  });

  it("counts an empty value (PORT= in a .env file) as unset", () => {
    const result = parseEnv({ PORT: "", NEXTAUTH_SECRET: "", NEXTAUTH_URL: " ", ADMIN_USERNAME: "", SQLITE_SYNCHRONOUS: "" });
    expect(result).toMatchObject({ ok: true, env: { PORT: 3000, NEXTAUTH_SECRET: undefined, NEXTAUTH_URL: undefined, SQLITE_SYNCHRONOUS: "NORMAL" } });
  });

  it("reads what is set", () => {
    const result = parseEnv({
      NODE_ENV: "production",
      PORT: "3063",
      TRUST_PROXY: "1",
      DEMO: "0",
      CHECKIN_FAST_PATH: "0",
      CHECKIN_OPEN_BEFORE_MINUTES: "0",
      CHECKIN_CLOSE_AFTER_MINUTES: "1440",
      SERVER_HEAP_MB: " 1024 ",
      BACKUP_KEEP: "7",
      NEXTAUTH_URL: "https://quantriet.quangngai.dcs.vn",
    });
    expect(result).toMatchObject({
      ok: true,
      env: {
        NODE_ENV: "production",
        PORT: 3063,
        TRUST_PROXY: true,
        DEMO: "0",
        CHECKIN_FAST_PATH: false,
        CHECKIN_OPEN_BEFORE_MINUTES: 0,
        CHECKIN_CLOSE_AFTER_MINUTES: 1440,
        SERVER_HEAP_MB: 1024,
        BACKUP_KEEP: 7,
      },
    });
  });

  it("takes FULL in any case: `full` is FULL, not a silent NORMAL", () => {
    for (const value of ["full", "FULL", "Full", " full "])
      expect(parseEnv({ SQLITE_SYNCHRONOUS: value })).toMatchObject({ env: { SQLITE_SYNCHRONOUS: "FULL" } });
    expect(parseEnv({ SQLITE_SYNCHRONOUS: "normal" })).toMatchObject({ env: { SQLITE_SYNCHRONOUS: "NORMAL" } });
    expect(parseEnv({ NODE_ENV: "Production" })).toMatchObject({ env: { NODE_ENV: "production" } });
  });

  it("opens the database with synchronous = FULL when SQLITE_SYNCHRONOUS is `full` (it used to mean NORMAL)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-env-"));
    try {
      const synchronous = async () => {
        const db = openDatabase(path.join(dir, "app.db"));
        const value = writerForSetup(db).$client.pragma("synchronous", { simple: true });
        await closeDatabase(db);
        return value;
      };
      expect(await synchronous()).toBe(1); // NORMAL
      vi.stubEnv("SQLITE_SYNCHRONOUS", "full");
      resetEnvCache();
      expect(await synchronous()).toBe(2); // FULL
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a choice it does not know, naming the variable, the value and what is allowed, in Vietnamese first", () => {
    const message = refused({ SQLITE_SYNCHRONOUS: "sometimes" });
    expect(message).toContain("Cấu hình môi trường không hợp lệ");
    expect(message).toContain('SQLITE_SYNCHRONOUS="sometimes" không hợp lệ: cần NORMAL hoặc FULL (chữ hoa hay thường đều được).');
    expect(message).toContain("invalid: expected NORMAL or FULL");
    expect(refused({ DEMO: "2021" })).toContain(
      'DEMO="2021" không hợp lệ: cần 1 (dữ liệu mẫu 2021), 2025 (dữ liệu mẫu sau sắp xếp 2025) hoặc 0 (cơ sở dữ liệu trống).',
    );
    expect(refused({ NODE_ENV: "staging" })).toContain('NODE_ENV="staging" không hợp lệ: cần development, production hoặc test.');
  });

  it("refuses a flag other than 0 or 1 rather than reading it as off", () => {
    expect(refused({ CHECKIN_FAST_PATH: "false" })).toContain('CHECKIN_FAST_PATH="false" không hợp lệ: cần 0 hoặc 1.');
    expect(refused({ TRUST_PROXY: "yes" })).toContain('TRUST_PROXY="yes" không hợp lệ: cần 0 hoặc 1.');
  });

  it("refuses numbers that are not numbers, not whole, or out of range", () => {
    expect(refused({ PORT: "abc" })).toContain('PORT="abc" không hợp lệ: cần một số nguyên từ 1 đến 65535.');
    expect(refused({ PORT: "70000" })).toContain('PORT="70000" không hợp lệ');
    expect(refused({ PORT: "30.5" })).toContain('PORT="30.5" không hợp lệ');
    expect(refused({ CHECKIN_OPEN_BEFORE_MINUTES: "-5" })).toContain('CHECKIN_OPEN_BEFORE_MINUTES="-5" không hợp lệ: cần một số nguyên từ 0 đến 1440 (phút).');
    expect(refused({ CHECKIN_CLOSE_AFTER_MINUTES: "2000" })).toContain(
      'CHECKIN_CLOSE_AFTER_MINUTES="2000" không hợp lệ: cần một số nguyên từ 0 đến 1440 (phút).',
    );
    expect(refused({ SERVER_HEAP_MB: "64" })).toContain('SERVER_HEAP_MB="64" không hợp lệ: cần một số nguyên từ 128 đến 65536 (MB).');
    expect(refused({ BACKUP_KEEP: "0" })).toContain('BACKUP_KEEP="0" không hợp lệ: cần một số nguyên từ 1 đến 10000.');
  });

  it("refuses a short secret or password without printing it, and a URL that is not http(s)", () => {
    const message = refused({ NEXTAUTH_SECRET: "short-secret", ADMIN_PASSWORD: "1234567" });
    expect(message).toContain(
      "NEXTAUTH_SECRET (giá trị ẩn, dài 12 ký tự / hidden, 12 characters) không hợp lệ: cần một chuỗi ngẫu nhiên dài ít nhất 32 ký tự.",
    );
    expect(message).toContain("ADMIN_PASSWORD (giá trị ẩn, dài 7 ký tự / hidden, 7 characters) không hợp lệ: cần ít nhất 8 ký tự.");
    expect(message).not.toContain("short-secret");
    expect(message).not.toContain("1234567");
    expect(refused({ NEXTAUTH_URL: "quantriet.vn" })).toContain('NEXTAUTH_URL="quantriet.vn" không hợp lệ: cần một địa chỉ http:// hoặc https://.');
    expect(refused({ NEXTAUTH_URL: "ftp://quantriet.vn" })).toContain("NEXTAUTH_URL");
  });

  it("names every refused variable once, in one message", () => {
    const message = refused({ PORT: "x", DEMO: "9", SQLITE_SYNCHRONOUS: "off" });
    expect(message.split("\n").filter((line) => line.includes("không hợp lệ:"))).toHaveLength(3);
  });

  it("checks the tools' variables apart from the app's", () => {
    expect(parseToolEnv({})).toMatchObject({ ok: true, env: { CHROMIUM_PATH: "/usr/bin/chromium", FAULT_ROUNDS: 4, BENCH_PORT: undefined, SOAK_PORT: 3421 } });
    expect(parseToolEnv({ SOAK_ONLY: "Door" })).toMatchObject({ env: { SOAK_ONLY: "door" } });
    const result = parseToolEnv({ FAULT_ROUNDS: "1" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('FAULT_ROUNDS="1" không hợp lệ: cần một số nguyên từ 2 đến 100.');
  });

  it("documents every variable in docs/operations.md and .env.example", () => {
    const operations = fs.readFileSync(path.resolve("docs/operations.md"), "utf8");
    const example = fs.readFileSync(path.resolve(".env.example"), "utf8");
    for (const name of [...Object.keys(APP_VARIABLES), ...Object.keys(TOOL_VARIABLES)]) {
      expect(operations, name).toContain(`\`${name}\``);
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    }
  });

  it("stops `npm start` with the message and exit code 1 before anything else", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-env-"));
    try {
      const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts", "--no-build"], {
        env: childProcessEnv({ SQLITE_SYNCHRONOUS: "sometimes", DATABASE_PATH: path.join(dir, "app.db"), PORT: "1" }),
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('SQLITE_SYNCHRONOUS="sometimes" không hợp lệ: cần NORMAL hoặc FULL');
      // Before the port check (port 1 is refused to a normal user), the database and the build.
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/Cổng|đang chạy tại|\n\s+at /);
      expect(fs.existsSync(path.join(dir, "app.db"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops `npm start` when DATABASE_URL is set without NEXTAUTH_SECRET: each app server would sign sessions of its own", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-env-"));
    try {
      const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts", "--no-build"], {
        env: childProcessEnv({
          DATABASE_URL: "postgres://nobody@127.0.0.1:1/quan_triet",
          NEXTAUTH_SECRET: "",
          DATABASE_PATH: path.join(dir, "app.db"),
          PORT: String(41000 + Math.floor(Math.random() * 2000)),
        }),
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("phải đặt NEXTAUTH_SECRET");
      expect(result.stderr).toContain("NEXTAUTH_SECRET is required");
      // Refused before anything is generated or connected: no secrets.json beside the (unused) file path.
      expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
