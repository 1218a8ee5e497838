/** The shared start of every door route handler: session, permission, body, site access. */
import { NextResponse } from "next/server";
import type { z } from "zod";
import { db } from "@/db";
import { requireApiUser, type SessionUser } from "@/lib/auth/guards";
import type { Action } from "@/lib/permissions";
import { MAX_CHECKIN_BODY_BYTES } from "@/lib/schemas/checkin";
import { getScanSite } from "./site-access";

export const doorError = (status: number, code: string, message: string) => NextResponse.json({ error: code, message }, { status });

export async function readDoorRequest<T extends z.ZodType<{ siteId: number }>>(
  request: Request,
  action: Action,
  schema: T,
): Promise<{ response: NextResponse } | { user: SessionUser; input: z.infer<T> }> {
  const auth = await requireApiUser(action);
  if (!auth.ok) return { response: auth.response };
  const text = await request.text();
  if (text.length > MAX_CHECKIN_BODY_BYTES) return { response: doorError(400, "too_large", "Yêu cầu quá lớn.") };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { response: doorError(400, "bad_json", "Nội dung không phải JSON hợp lệ.") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "body"))].join(", ");
    return { response: doorError(400, "bad_request", `Thiếu hoặc sai trường: ${fields}.`) };
  }
  const access = getScanSite(db, auth.user, parsed.data.siteId);
  if (!access.ok) {
    return {
      response:
        access.reason === "not_found"
          ? doorError(404, "site_not_found", "Không tìm thấy điểm cầu.")
          : doorError(403, access.reason, access.reason === "closed" ? "Ngoài giờ điểm danh của điểm cầu này." : "Bạn không được phân công điểm danh ở điểm cầu này."),
    };
  }
  return { user: auth.user, input: parsed.data };
}
