/**
 * The server's environment, validated once. scripts/start.ts fills in what is
 * missing (a generated secret, the local URL) before the server starts.
 */
import { z } from "zod";

const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/app.db"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET phải dài ít nhất 32 ký tự"),
  NEXTAUTH_URL: z.url().optional(),
  /** Trust X-Forwarded-For for the sign-in throttle (set when behind nginx). */
  TRUST_PROXY: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Cấu hình môi trường không hợp lệ / invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
